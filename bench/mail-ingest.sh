#!/usr/bin/env bash
# Messages ingested per second through each e-mail path into a fresh SQLite desk (no notifications sent):
#   1. `frontline mail` as an MTA runs it: one process per message, one after another;
#   2. the pipe's HTTP endpoint (POST /api/v1/mail/inbound) with 8 messages in flight;
#   3. IMAP: messages appended to a Dovecot mailbox, until the poller has taken every one in.
# Starts Dovecot and Postfix with tests/mail-servers.sh (root, as test.sh), prints a Markdown table.
# Usage: bench/mail-ingest.sh [messages per path, default 200]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-200}"
# The intake log answers at most 500 rows at a time; the checks below read it after each path.
(( count >= 1 && count <= 250 )) || { echo "messages per path: 1 to 250" >&2; exit 2; }
dotnet build "$root/src/Frontline/Frontline.csproj" -c Release --nologo -v quiet >/dev/null
frontline="$root/src/Frontline/bin/Release/net10.0/frontline"
work="$(mktemp -d /tmp/frontline-mail-bench.XXXXXX)"
chmod 755 "$work"
server=""
cleanup() {
    [[ -n "$server" ]] && kill "$server" 2>/dev/null || true
    "$root/tests/mail-servers.sh" stop "$work/mail" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

"$root/tests/mail-servers.sh" start "$work/mail" >&2
. "$work/mail/env"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
Logging__LogLevel__Default=Warning Mail__MaxMessagesPerSenderPerHour=0 \
Mail__Mailboxes__0__Name=desk Mail__Mailboxes__0__Host=127.0.0.1 Mail__Mailboxes__0__Port="$FRONTLINE_TEST_IMAP_PORT" \
Mail__Mailboxes__0__Tls=None Mail__Mailboxes__0__User=desk Mail__Mailboxes__0__Password="$FRONTLINE_TEST_MAIL_PASSWORD" \
Mail__Mailboxes__0__PollInterval=00:00:30 \
    "$frontline" serve --data "$work/data" --urls "$url" --sqlite-sync normal >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf "$url/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
password=$(sed -n 's/^ *password: *//p' "$work/server.log" | head -n 1)
token=$(curl -sf "$url/api/v1/auth/tokens" -H 'content-type: application/json' \
    -d "{\"userName\":\"admin\",\"password\":\"$password\",\"name\":\"bench\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

python3 - "$work/messages" "$count" <<'PY'
import os, sys
folder, count = sys.argv[1], int(sys.argv[2])
for path in ("pipe", "http", "imap"):
    os.makedirs(f"{folder}/{path}")
    for i in range(count):
        sender = f"user{i % 50}@bench.example"
        body = ("Hello desk,\r\n\r\nthe printer on floor %d shows error %d since this morning.\r\n\r\nThanks\r\n" % (i % 7, i)) * 3
        raw = (f"From: Bench User {i % 50} <{sender}>\r\nTo: desk@frontline.test\r\nSubject: {path} message {i}\r\n"
               f"Date: Mon, 23 Nov 2026 09:00:00 +0000\r\nMessage-ID: <{path}-{i}@bench.example>\r\nMIME-Version: 1.0\r\n"
               f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}")
        open(f"{folder}/{path}/{i:05d}.eml", "w", newline="").write(raw)
PY

elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$1" "$2"; }
ingested() { curl -sf "$url/api/v1/mail/inbound?limit=500" -H "authorization: Bearer $token" | python3 -c "import json,sys; print(sum(1 for m in json.load(sys.stdin) if m['mailbox'] == sys.argv[1] and str(m['outcome']).lower() == 'ticketcreated'))" "$1"; }

start=$(date +%s.%N)
for f in "$work/messages/pipe"/*.eml; do "$frontline" mail --url "$url" --token "$token" <"$f" >/dev/null; done
pipe_s=$(elapsed "$start" "$(date +%s.%N)")
pipe_n=$(ingested pipe)

start=$(date +%s.%N)
ls "$work/messages/http"/*.eml | xargs -P 8 -I{} curl -sf -o /dev/null "$url/api/v1/mail/inbound" \
    -H "authorization: Bearer $token" -H 'content-type: message/rfc822' --data-binary @{}
http_s=$(elapsed "$start" "$(date +%s.%N)")
http_n=$(( $(ingested pipe) - pipe_n ))

start=$(date +%s.%N)
python3 - "$work/messages/imap" "$FRONTLINE_TEST_IMAP_PORT" "$FRONTLINE_TEST_MAIL_PASSWORD" <<'PY'
import imaplib, os, sys
folder, port, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
imap = imaplib.IMAP4("127.0.0.1", port)
imap.login("desk", password)
for name in sorted(os.listdir(folder)):
    imap.append("INBOX", None, None, open(os.path.join(folder, name), "rb").read())
imap.logout()
PY
append_s=$(elapsed "$start" "$(date +%s.%N)")
until [[ $(ingested desk) -ge $count ]]; do sleep 0.2; done
imap_s=$(elapsed "$start" "$(date +%s.%N)")

echo "| path | messages | tickets created | wall time (s) | messages/s |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| \`frontline mail\` (one process per message, sequential) | $count | $pipe_n | $pipe_s | $(rate "$count" "$pipe_s") |"
echo "| POST /api/v1/mail/inbound, 8 in flight | $count | $http_n | $http_s | $(rate "$count" "$http_s") |"
echo "| IMAP (Dovecot, IDLE), from first append to last ticket | $count | $(ingested desk) | $imap_s | $(rate "$count" "$imap_s") |"
echo
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg). SQLite, --sqlite-sync normal; appending took ${append_s} s of the IMAP time."
