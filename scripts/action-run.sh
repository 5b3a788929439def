#!/usr/bin/env bash
# DriftGuard GitHub Action adapter: turns the action's inputs (given as DG_* environment variables by action.yml,
# never spliced into this script) into CLI flags, runs the tool, and writes the step outputs. No logic of its own:
# the CLI computes the verdict, the counts (`findings`, `drifts`, `failed` in $GITHUB_OUTPUT), the annotations and
# the job summary. Arguments are built in a bash array, so paths with spaces or shell characters stay one argument.
set -euo pipefail

fail() { echo "::error title=DriftGuard action::$1"; echo "exit-code=2" >> "${GITHUB_OUTPUT:-/dev/null}"; exit 2; }

# bool NAME VALUE: sets $bool_value to 1 for "true", 0 for "false" or empty (any case); anything else is a usage error.
# Written for bash 3.2 (macOS runners' /bin/bash): no namerefs, no ${var,,}, no mapfile.
bool() {
  case "$(printf '%s' "$2" | tr '[:upper:]' '[:lower:]')" in
    true) bool_value=1 ;;
    false | "") bool_value=0 ;;
    *) fail "input '$1' must be true or false, got '$2'" ;;
  esac
}

# split_lines VALUE: sets the array $items to one item per line, blank lines dropped, CR and edge spaces trimmed.
split_lines() {
  items=()
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%$'\r'}"
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    if [ -n "$line" ]; then items+=("$line"); fi
  done <<< "$1"
}

command="${DG_COMMAND:-gate}"
case "$command" in gate | check | remediate) ;; *) fail "input 'command' must be gate, check or remediate, got '$command'" ;; esac

bool comment "${DG_COMMENT:-false}"; comment=$bool_value
bool open-pr "${DG_OPEN_PR:-false}"; open_pr=$bool_value
bool sarif "${DG_SARIF:-true}"; sarif=$bool_value
bool apply "${DG_APPLY:-false}"; apply=$bool_value

split_lines "${DG_IAC:-}"
[ "${#items[@]}" -gt 0 ] || fail "input 'iac' is empty: give at least one file or directory"
iac=("${items[@]}")
split_lines "$(printf '%s' "${DG_REGION:-}" | tr ', ' '\n\n')"
regions=("${items[@]+"${items[@]}"}")

args=("$command")
if [ "$command" = gate ]; then
  args+=("${iac[@]}")
else
  for path in "${iac[@]}"; do args+=(--iac "$path"); done
  for region in ${regions[@]+"${regions[@]}"}; do args+=(--region "$region"); done
  [ -n "${DG_ROLE_ARN:-}" ] && args+=(--role-arn "$DG_ROLE_ARN")
  [ "$open_pr" = 1 ] && args+=(--open-pr)
fi
[ "$command" = remediate ] && [ "$apply" = 1 ] && args+=(--apply)
[ -n "${DG_POLICY:-}" ] && args+=(--policy "$DG_POLICY")
[ -n "${DG_PARAMETERS:-}" ] && args+=(--parameters "$DG_PARAMETERS")
[ -n "${DG_FAIL_ON:-}" ] && args+=(--fail-on "$DG_FAIL_ON")
[ "$comment" = 1 ] && [ "$command" != remediate ] && args+=(--github-comment)

out_dir=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/driftguard.XXXXXX")
report_file="$out_dir/driftguard-$command.json"
sarif_file="$out_dir/driftguard-$command.sarif"
args+=(--format json --output "$report_file")
[ "$sarif" = 1 ] && args+=(--format sarif --output "$sarif_file")
args+=(--format text)

# The tool: DRIFTGUARD_CLI (a built driftguard.dll or an executable; tests and pinned installs) or the action's own source.
if [ -n "${DRIFTGUARD_CLI:-}" ]; then
  case "$DRIFTGUARD_CLI" in *.dll) tool=(dotnet "$DRIFTGUARD_CLI") ;; *) tool=("$DRIFTGUARD_CLI") ;; esac
else
  tool=(dotnet run --project "${GITHUB_ACTION_PATH:?}/src/DriftGuard.Cli" -c Release --)
fi

echo "::group::driftguard ${args[*]}"
set +e
"${tool[@]}" "${args[@]}"
code=$?
set -e
echo "::endgroup::"

{
  echo "exit-code=$code"
  [ -f "$report_file" ] && echo "report-file=$report_file"
  [ "$sarif" = 1 ] && [ -f "$sarif_file" ] && echo "sarif-file=$sarif_file"
} >> "${GITHUB_OUTPUT:-/dev/null}"

case "$code" in
  0) echo "DriftGuard $command: passed" ;;
  1) echo "::error title=DriftGuard $command::findings at or above the fail-on threshold (see the job summary)" ;;
  *) echo "::error title=DriftGuard $command::exit code $code (2: usage or input error, 3: incomplete)" ;;
esac
exit "$code"
