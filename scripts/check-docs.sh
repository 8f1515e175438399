#!/usr/bin/env bash
# Runs the documentation's runnable shell blocks: every fenced block whose info string is exactly
# `bash run` in README.md and docs/*.md (or the FILEs given), in order, each in a fresh
# `bash -e -o pipefail` from the repository root. Blocks fenced plain ```bash are not run. Stops at
# the first block that fails, naming the file and line of the failing command.
# Usage: scripts/check-docs.sh [--list] [FILE...]
#   --list  print each runnable block's file:line and first line without running anything
set -euo pipefail

usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; }

list=false
files=()
for arg in "$@"; do
  case "$arg" in
    --list) list=true ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "check-docs: unknown option $arg" >&2; usage >&2; exit 2 ;;
    *) [ -f "$arg" ] || { echo "check-docs: no file $arg" >&2; exit 2; }
       files+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")") ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ${#files[@]} -eq 0 ]; then
  files=(README.md)
  for f in docs/*.md; do [ -f "$f" ] && files+=("$f"); done
fi

work="$(mktemp -d -t vog-check-docs.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# One file per runnable block (work/N.sh, its lines only) and a manifest line "N<TAB>file<TAB>line of
# its first line". Fences may be indented (list items): that much indentation is taken off the block.
# A fence opens with three or more backticks and closes with at least as many and nothing else, so
# a `bash run` line inside another code block is not a block of its own (~~~ fences are not read).
for f in "${files[@]}"; do
  shown="${f#"$root"/}"
  awk -v file="$shown" -v work="$work" -v start="$(wc -l 2>/dev/null < "$work/manifest" || echo 0)" '
    # the leading spaces and the run of backticks a line starts with
    function lead(line) { match(line, /^ */); return RLENGTH }
    function ticks(line) { match(line, /^ *`+/); return RLENGTH - lead(line) }
    BEGIN { n = start; open = 0 }
    {
      if (!open) {
        if ($0 ~ /^ *```/) {
          indent = lead($0); width = ticks($0)
          info = substr($0, indent + width + 1); sub(/^[ \t]+/, "", info); sub(/[ \t]+$/, "", info)
          open = 1; run = (info == "bash run"); opened = NR
          if (run) { n++; out = work "/" n ".sh"; printf "" > out
                     printf "%d\t%s\t%d\n", n, file, NR + 1 >> (work "/manifest"); close(work "/manifest") }
        }
        next
      }
      if ($0 ~ /^ *`+[ \t]*$/ && ticks($0) >= width) {
        if (run) close(out)
        open = 0; run = 0; next
      }
      if (run) {
        line = $0; cut = 0
        while (cut < indent && substr(line, cut + 1, 1) == " ") cut++
        print substr(line, cut + 1) > out
      }
    }
    END {
      if (open && run) { printf "check-docs: %s:%d: a `bash run` block that never closes\n", file, opened > "/dev/stderr"; exit 3 }
    }
' "$f" || exit 1
done

[ -f "$work/manifest" ] || { echo "check-docs: no runnable (\`\`\`bash run) blocks in ${files[*]#"$root"/}" >&2; exit 0; }

count=0
while IFS=$'\t' read -r n file line; do
  count=$((count + 1))
  if $list; then
    printf '%s:%s: %s\n' "$file" "$line" "$(head -n 1 "$work/$n.sh")"
    continue
  fi
  echo "check-docs: $file:$line" >&2
  # the ERR trap records the failing command's line within the block (the trap is its line 0)
  { printf 'trap '\''echo "$LINENO" > %q'\'' ERR\n' "$work/$n.line"; cat "$work/$n.sh"; } > "$work/$n.run"
  status=0
  (cd "$root" && bash -E -e -o pipefail "$work/$n.run") </dev/null || status=$?
  if [ "$status" -ne 0 ]; then
    at="$line"
    [ -s "$work/$n.line" ] && at=$((line + $(cat "$work/$n.line") - 2))
    echo "check-docs: $file:$at: exit $status (the block at $file:$line)" >&2
    exit "$status"
  fi
done < "$work/manifest"
$list || echo "check-docs: $count block(s) ran" >&2
