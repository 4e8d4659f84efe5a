#!/bin/sh
# 从 backup.sh 的备份恢复单机（SQLite）安装。先停掉所有用这个数据目录的进程（serve、watch、worker、定时任务）：
#   sh deploy/restore.sh 备份目录 数据目录 明白纸文件夹
# 数据库整份换成备份（旧文件改名留在数据目录里，确认无误后再删），明白纸文件夹换成备份里的内容。
set -eu
if [ $# -ne 3 ]; then
  echo "用法: sh deploy/restore.sh 备份目录 数据目录 明白纸文件夹" >&2
  exit 2
fi
SRC=$1
DATA=$2
CONTENT=$3
[ -f "$SRC/minsheng.sqlite" ] || { echo "备份目录里没有 minsheng.sqlite：$SRC" >&2; exit 1; }
check=$(sqlite3 "$SRC/minsheng.sqlite" "PRAGMA integrity_check;")
[ "$check" = ok ] || { echo "备份的数据库完整性检查失败：$check" >&2; exit 1; }

mkdir -p "$DATA"
stamp=$(date +%Y%m%d%H%M%S)
# The old database's -wal and -shm must go with it: a WAL left beside the restored file would be
# replayed into it.
for f in minsheng.sqlite minsheng.sqlite-wal minsheng.sqlite-shm; do
  [ -e "$DATA/$f" ] && mv "$DATA/$f" "$DATA/$f.before-restore-$stamp"
done
cp "$SRC/minsheng.sqlite" "$DATA/minsheng.sqlite.restoring"
mv "$DATA/minsheng.sqlite.restoring" "$DATA/minsheng.sqlite"
[ -f "$SRC/data-extra.tar.gz" ] && tar -xzf "$SRC/data-extra.tar.gz" -C "$DATA"

if [ -d "$CONTENT" ]; then mv "$CONTENT" "$CONTENT.before-restore-$stamp"; fi
mkdir -p "$CONTENT"
tar -xzf "$SRC/explainers.tar.gz" -C "$CONTENT"
echo "已从 $SRC 恢复：数据库 → $DATA/minsheng.sqlite，明白纸 → $CONTENT（原来的文件加了后缀 .before-restore-$stamp）"
