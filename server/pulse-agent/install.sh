#!/bin/sh
# Installs pulse-agent from a Pulse server and runs it as a systemd service.
#
#   curl -fsSL https://pulse.example.lan:7655/install.sh |
#     sudo sh -s -- --url https://pulse.example.lan:7655 --token TOKEN [agent options]
#
# It downloads the agent from that Pulse, checks it against the X-Checksum-Sha256 the server
# sends, installs it to /usr/local/lib/pulse-agent/pulse-agent.mjs, keeps the token in
# /var/lib/pulse-agent/token (mode 0600, never on the command line of the service), and
# installs, enables and (re)starts pulse-agent.service. Run it again to upgrade.
#
# Options:
#   --url URL          the Pulse server (or PULSE_URL)
#   --token TOKEN      an API token with the agent:report scope (or PULSE_TOKEN)
#   --insecure         accept a self-signed certificate, for the download and the agent
#   --uninstall        stop and remove the service, the agent and its token
#   -h, --help         this help
# Any other option goes to the agent as it is: --interval 30s, --enable-docker,
# --docker-socket PATH, --enable-kubernetes, --kubeconfig PATH, --agent-id ID, --tag TAG.
#
# Needs Node.js 24 or newer as `node` on PATH (or PULSE_AGENT_NODE=/path/to/node).
# PULSE_AGENT_ROOT=/some/dir installs below that directory instead of / (for packaging):
# then it needs no root and leaves systemd alone.
set -eu

lib_dir=/usr/local/lib/pulse-agent
state_dir=/var/lib/pulse-agent
unit_file=/etc/systemd/system/pulse-agent.service
root="${PULSE_AGENT_ROOT:-}"

say() { printf 'pulse-agent install: %s\n' "$*" >&2; }
fail() {
  printf 'pulse-agent install: error: %s\n' "$*" >&2
  exit 1
}
usage() {
  cat <<'USAGE'
usage: install.sh --url URL --token TOKEN [--insecure] [agent options]
       install.sh --uninstall

  --url URL        the Pulse server (or PULSE_URL)
  --token TOKEN    an API token with the agent:report scope (or PULSE_TOKEN)
  --insecure       accept a self-signed certificate (download and agent)
  --uninstall      stop and remove the service, the agent and its token
Other options go to the agent: --interval 30s, --enable-docker, --docker-socket PATH,
--enable-kubernetes, --kubeconfig PATH, --agent-id ID, --tag TAG.
Needs Node.js 24 or newer as `node` on PATH (or PULSE_AGENT_NODE=/path/to/node).
USAGE
}

# Words that go into the systemd unit: systemd gives meaning to spaces, quotes, % and $.
plain_word() {
  case "$1" in
    *[!]A-Za-z0-9._:/=@,+[-]* | '') return 1 ;;
  esac
  return 0
}

url="${PULSE_URL:-}"
token="${PULSE_TOKEN:-}"
insecure=""
uninstall=""
extra=""

while [ $# -gt 0 ]; do
  case "$1" in
    --url | --token)
      [ $# -ge 2 ] || fail "$1 needs a value"
      if [ "$1" = --url ]; then url="$2"; else token="$2"; fi
      shift 2
      ;;
    --url=*) url="${1#--url=}" && shift ;;
    --token=*) token="${1#--token=}" && shift ;;
    --insecure) insecure=1 && shift ;;
    --uninstall) uninstall=1 && shift ;;
    -h | --help)
      usage
      exit 0
      ;;
    --*)
      plain_word "$1" || fail "option '$1' has characters the service file cannot carry"
      extra="$extra $1"
      shift
      # An option's value is the next word when that is not an option itself.
      if [ $# -gt 0 ]; then
        case "$1" in
          --*) ;;
          *)
            plain_word "$1" || fail "value '$1' has characters the service file cannot carry"
            extra="$extra $1"
            shift
            ;;
        esac
      fi
      ;;
    *) fail "unexpected argument '$1' (see --help)" ;;
  esac
done

if [ -z "$root" ] && [ "$(id -u)" != 0 ]; then
  fail "run this as root, e.g.: curl -fsSL <pulse>/install.sh | sudo sh -s -- --url <pulse> --token <token>"
fi

if [ -n "$uninstall" ]; then
  if [ -z "$root" ] && command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now pulse-agent.service >/dev/null 2>&1 || true
  fi
  rm -f "$root$unit_file"
  if [ -z "$root" ] && command -v systemctl >/dev/null 2>&1; then
    systemctl daemon-reload >/dev/null 2>&1 || true
  fi
  rm -rf "$root$lib_dir" "$root$state_dir"
  say "pulse-agent is removed"
  exit 0
fi

[ -n "$url" ] || fail "--url is required: the address of your Pulse, e.g. --url https://pulse.example.lan:7655"
case "$url" in
  http://* | https://*) ;;
  *) fail "--url must start with http:// or https:// (got '$url')" ;;
esac
while :; do
  case "$url" in
    */) url="${url%/}" ;;
    *) break ;;
  esac
done
plain_word "$url" || fail "--url '$url' has characters the service file cannot carry"
[ -n "$token" ] || fail "--token is required: create an API token with the agent:report scope in Pulse (Settings → API tokens)"
case "$token" in
  *[!!-~]*) fail "the token has spaces or unprintable characters; copy it again" ;;
esac

node_bin="${PULSE_AGENT_NODE:-$(command -v node 2>/dev/null || true)}"
node_help="install Node.js 24 or newer (https://nodejs.org/en/download, NodeSource's nodejs 24 packages, or your distribution's) and run this again"
[ -n "$node_bin" ] || fail "Node.js is not installed ('node' is not on PATH): $node_help"
node_major="$("$node_bin" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
case "$node_major" in
  '' | *[!0-9]*) node_major=0 ;;
esac
if [ "$node_major" -lt 24 ]; then
  fail "$node_bin is Node.js $("$node_bin" --version 2>/dev/null || echo '(unknown version)'); pulse-agent needs 24 or newer: $node_help"
fi
plain_word "$node_bin" || fail "the path to node ('$node_bin') has characters the service file cannot carry"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pulse-agent.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

download="$url/download/pulse-agent"
say "downloading $download"
if command -v curl >/dev/null 2>&1; then
  # shellcheck disable=SC2086 # the -k is meant to vanish when empty
  curl -fsS ${insecure:+-k} -D "$tmp/headers" -o "$tmp/pulse-agent.mjs" "$download" ||
    fail "could not download $download (is the URL right and Pulse reachable from here?)"
elif command -v wget >/dev/null 2>&1; then
  # shellcheck disable=SC2086
  wget -q -S ${insecure:+--no-check-certificate} -O "$tmp/pulse-agent.mjs" "$download" 2>"$tmp/headers" ||
    fail "could not download $download (is the URL right and Pulse reachable from here?)"
else
  fail "neither curl nor wget is installed; install one of them and run this again"
fi

expected="$(sed -n 's/^[[:space:]]*[Xx]-[Cc][Hh][Ee][Cc][Kk][Ss][Uu][Mm]-[Ss][Hh][Aa]256:[[:space:]]*\([0-9a-fA-F]\{64\}\).*$/\1/p' "$tmp/headers" | tail -n 1 | tr 'A-F' 'a-f')"
[ -n "$expected" ] || fail "$url sent no X-Checksum-Sha256 header: is it a Pulse server?"
if command -v sha256sum >/dev/null 2>&1; then
  actual="$(sha256sum "$tmp/pulse-agent.mjs" | cut -d ' ' -f 1)"
elif command -v shasum >/dev/null 2>&1; then
  actual="$(shasum -a 256 "$tmp/pulse-agent.mjs" | cut -d ' ' -f 1)"
else
  actual="$("$node_bin" -e 'process.stdout.write(require("node:crypto").createHash("sha256").update(require("node:fs").readFileSync(process.argv[1])).digest("hex"))' "$tmp/pulse-agent.mjs")"
fi
[ "$actual" = "$expected" ] || fail "the download is damaged: its SHA-256 is $actual, Pulse says $expected; nothing was installed"
version="$("$node_bin" "$tmp/pulse-agent.mjs" --version)" || fail "the downloaded agent does not run with $node_bin"
say "checked $version (sha256 $actual)"

mkdir -p "$root$lib_dir" "$root$state_dir" "$(dirname "$root$unit_file")"
chmod 0700 "$root$state_dir"
cp "$tmp/pulse-agent.mjs" "$root$lib_dir/pulse-agent.mjs.new"
chmod 0755 "$root$lib_dir/pulse-agent.mjs.new"
mv -f "$root$lib_dir/pulse-agent.mjs.new" "$root$lib_dir/pulse-agent.mjs"
(
  umask 077
  printf '%s\n' "$token" >"$root$state_dir/token.new"
)
chmod 0600 "$root$state_dir/token.new"
mv -f "$root$state_dir/token.new" "$root$state_dir/token"

[ -z "$insecure" ] || extra=" --insecure$extra"
cat >"$root$unit_file" <<UNIT
[Unit]
Description=Pulse agent: reports this host to Pulse at $url
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
Environment=PULSE_TOKEN_FILE=$state_dir/token
ExecStart=$node_bin $lib_dir/pulse-agent.mjs --url $url$extra
Restart=always
RestartSec=10
TimeoutStopSec=15
NoNewPrivileges=yes
ProtectSystem=full
PrivateTmp=yes

[Install]
WantedBy=multi-user.target
UNIT
chmod 0644 "$root$unit_file"
say "installed $root$lib_dir/pulse-agent.mjs and $root$unit_file"

if [ -n "$root" ]; then
  say "installed below $root (PULSE_AGENT_ROOT), so systemd was left alone"
elif command -v systemctl >/dev/null 2>&1 &&
  systemctl daemon-reload &&
  systemctl enable pulse-agent.service &&
  systemctl restart pulse-agent.service; then
  say "pulse-agent is running; its log: journalctl -u pulse-agent -f"
else
  say "systemd is not running here, so the service was not started; run the agent with:"
  say "  PULSE_TOKEN_FILE=$state_dir/token $node_bin $lib_dir/pulse-agent.mjs --url $url$extra"
fi
