#!/usr/bin/env bash
# Starts (or stops) a Dovecot IMAP/LMTP server and a Postfix MTA on loopback, with every file in one
# folder, for the e-mail tests. Postfix accepts SMTP from loopback and delivers every recipient over LMTP
# into Dovecot, where any user logs in over IMAP with the password below.
#
#   tests/mail-servers.sh start DIR   # writes DIR/env: FRONTLINE_TEST_IMAP_PORT, _SMTP_PORT, _MAIL_PASSWORD
#   tests/mail-servers.sh stop DIR
#
# Needs dovecot-imapd, dovecot-lmtpd and postfix (test.sh installs them) and root (Postfix and Dovecot
# drop to their own users; mail is stored as 'nobody').
set -euo pipefail
command=${1:-}
dir=${2:-}
[[ -n "$command" && -n "$dir" ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

stop() {
  if [[ -f "$dir/postfix/main.cf" ]]; then postfix -c "$dir/postfix" stop >/dev/null 2>&1 || true; fi
  if [[ -f "$dir/dovecot/dovecot.conf" ]]; then doveadm -c "$dir/dovecot/dovecot.conf" stop >/dev/null 2>&1 || true; fi
}

case "$command" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac

for tool in dovecot doveadm postfix; do
  command -v "$tool" >/dev/null || [[ -x "/usr/sbin/$tool" ]] || { echo "$0: $tool is missing (apt-get install dovecot-imapd dovecot-lmtpd postfix)" >&2; exit 1; }
done
export PATH="$PATH:/usr/sbin"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
imap_port=$(free_port); lmtp_port=$(free_port); smtp_port=$(free_port)
password=frontline-mail-test

# Dovecot: IMAP and LMTP on loopback, any user with the one password, Maildir under the folder.
mkdir -p "$dir/dovecot/run" "$dir/dovecot/state" "$dir/dovecot/mail"
chown nobody:nogroup "$dir/dovecot/mail"
chmod 755 "$dir" "$dir/dovecot"
cat >"$dir/dovecot/dovecot.conf" <<CONF
instance_name = frontline-test-$imap_port
base_dir = $dir/dovecot/run
state_dir = $dir/dovecot/state
log_path = $dir/dovecot/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:$dir/dovecot/mail/%n
passdb {
  driver = static
  args = password=$password
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$dir/dovecot/mail/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $lmtp_port
  }
}
CONF
dovecot -c "$dir/dovecot/dovecot.conf" </dev/null >>"$dir/dovecot/start.log" 2>&1 || { cat "$dir/dovecot/dovecot.log" >&2 2>/dev/null; exit 1; }

# Postfix: SMTP on loopback, relays for loopback clients only, hands every recipient to Dovecot's LMTP.
mkdir -p "$dir/postfix/queue" "$dir/postfix/data"
chown postfix "$dir/postfix/data"
cat >"$dir/postfix/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/postfix/queue
data_directory = $dir/postfix/data
maillog_file = $dir/postfix/maillog
maillog_file_prefixes = $dir
syslog_name = postfix-frontline-test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mail.frontline.test
mydomain = frontline.test
mydestination =
local_recipient_maps =
relay_domains =
alias_maps =
alias_database =
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
default_transport = lmtp:inet:127.0.0.1:$lmtp_port
relay_transport = lmtp:inet:127.0.0.1:$lmtp_port
lmtp_host_lookup = native
smtp_dns_support_level = disabled
smtputf8_enable = no
biff = no
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
CONF
# Debian's service table with chroot off (the queue is not where the chroot files are) and smtpd on our port.
awk -v port="$smtp_port" '
  /^#/ || NF < 8 { print; next }
  $1 == "smtp" && $2 == "inet" { $1 = "127.0.0.1:" port; $5 = "n"; print; next }
  $2 ~ /^(unix|fifo|inet|unix-dgram|pass)$/ { $5 = "n"; print; next }
  { print }' /etc/postfix/master.cf >"$dir/postfix/master.cf"
postfix -c "$dir/postfix" check >"$dir/postfix/check.log" 2>&1 || true
postfix -c "$dir/postfix" start >"$dir/postfix/start.log" 2>&1 || { cat "$dir/postfix/start.log" "$dir/postfix/maillog" >&2 2>/dev/null; stop; exit 1; }

for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$imap_port") 2>/dev/null; then
    cat >"$dir/env" <<ENV
export FRONTLINE_TEST_IMAP_PORT=$imap_port
export FRONTLINE_TEST_SMTP_PORT=$smtp_port
export FRONTLINE_TEST_MAIL_PASSWORD=$password
ENV
    exit 0
  fi
  sleep 0.2
done
echo "$0: Dovecot or Postfix did not start listening" >&2
cat "$dir/dovecot/dovecot.log" "$dir/postfix/maillog" >&2 2>/dev/null || true
stop
exit 1
