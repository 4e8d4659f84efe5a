#!/bin/sh
# 备份单机（SQLite）安装的数据库和明白纸文件夹，服务不用停：
#   sh deploy/backup.sh 数据目录 明白纸文件夹 备份目录
# 例如  sh deploy/backup.sh /srv/minsheng/data /srv/minsheng/app/site/content/explainers /backup/minsheng/$(date +%F)
# 数据库用 SQLite 的在线备份（sqlite3 .backup，写入中也得到一致的副本，含 WAL 里尚未合并的部分），
# 备份后做完整性检查；明白纸打成 tar 包。PostgreSQL 安装的备份见 deploy/README.md（pg_dump）。
set -eu
if [ $# -ne 3 ]; then
  echo "用法: sh deploy/backup.sh 数据目录 明白纸文件夹 备份目录" >&2
  exit 2
fi
DATA=$1
CONTENT=$2
DEST=$3
DB="$DATA/minsheng.sqlite"
[ -f "$DB" ] || { echo "没有找到数据库 $DB" >&2; exit 1; }
[ -d "$CONTENT" ] || { echo "没有找到明白纸文件夹 $CONTENT" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "需要 sqlite3 命令（Debian: apt-get install sqlite3）" >&2; exit 1; }

mkdir -p "$DEST"
# busy_timeout: wait for a writer's transaction instead of failing while the crawler is writing.
sqlite3 "$DB" ".timeout 10000" ".backup '$DEST/minsheng.sqlite'"
check=$(sqlite3 "$DEST/minsheng.sqlite" "PRAGMA integrity_check;")
[ "$check" = ok ] || { echo "备份的数据库完整性检查失败：$check" >&2; exit 1; }
tar -czf "$DEST/explainers.tar.gz" -C "$CONTENT" .
# Other files of the data directory (demo login, source-health notes) are small; keep them too.
tar -czf "$DEST/data-extra.tar.gz" -C "$DATA" --exclude='minsheng.sqlite*' --exclude='*.before-restore-*' .
echo "已备份到 $DEST：数据库 $(du -h "$DEST/minsheng.sqlite" | cut -f1)，明白纸 $(tar -tzf "$DEST/explainers.tar.gz" | grep -c '\.md$') 篇"
