#!/bin/sh
# The cluster's one scheduler (compose service `scheduler`, exactly one replica): the crawl workers
# only fetch and store, so this loop makes the new posts searchable, scores them, clusters them,
# raises and pushes alerts, and indexes again so the scores are searchable — what `minsheng run`
# does after its crawl. Once a day, after DIGEST_AT (Beijing time), it also pushes the digest of
# 蓝 (一般) alerts. Runs that overlap cannot happen: each step waits for the previous one.
#   sh deploy/scheduler.sh [EVERY_SECONDS] [DIGEST_AT]      (defaults: 300, 08:30)
set -u
EVERY=${1:-300}
DIGEST_AT=${2:-08:30}
# The digest hour is read on Beijing time without tzdata (POSIX TZ: UTC+8, no summer time).
BEIJING=CST-8
MARK="${MINSHENG_DATA:-/srv/minsheng/data}/.digest-sent"

minsheng() { node /app/bin/minsheng.mjs "$@"; }

echo "调度器：每 ${EVERY} 秒 索引 → 分析与预警 → 索引；蓝色预警汇总每天 ${DIGEST_AT}（北京时间）后发送一次"
while :; do
  started=$(date +%s)
  # A failed step is logged and retried on the next tick; the loop itself never stops.
  minsheng index && minsheng analyze && minsheng index || echo "调度器：本轮有步骤失败，下一轮重试"

  today=$(TZ=$BEIJING date +%F)
  now=$(TZ=$BEIJING date +%H:%M)
  if [ "$now" \> "$DIGEST_AT" ] || [ "$now" = "$DIGEST_AT" ]; then
    if [ "$(cat "$MARK" 2>/dev/null)" != "$today" ]; then
      minsheng analyze --digest && echo "$today" > "$MARK"
    fi
  fi

  elapsed=$(( $(date +%s) - started ))
  [ "$elapsed" -lt "$EVERY" ] && sleep $(( EVERY - elapsed ))
done
