# Sourced by .ci/run (bash). Starts the machine's PostgreSQL cluster and prepares a throwaway test database for the
# PostgreSQL store tests, then checks after the build that those tests really ran.
#
#   start_test_postgres     exports STRATUM_TEST_PG_URL, STRATUM_TEST_PG_USER and STRATUM_TEST_PG_PASSWORD
#   report_postgres_tests   prints how many PostgreSQL tests ran; fails when they were skipped
#
# Idempotent: a running cluster, an existing role or database are reused (the role's password is set again).
# STRATUM_TEST_PG_URL already set: that database is used and nothing is started. STRATUM_CI_SKIP_POSTGRES=1: the
# PostgreSQL tests are skipped on purpose (for a machine without PostgreSQL).

pg_version="${STRATUM_CI_PG_VERSION:-15}"
pg_cluster=main
pg_test_db=stratum_test
pg_test_user=stratum_test
# A role that can only reach a test database on loopback; not a secret.
pg_test_password=stratum_test
pg_tests_expected=0

# Runs a command as the cluster's owner, postgres (peer authentication on the local socket).
as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  elif [[ "$(id -un)" == postgres ]]; then
    "$@"
  else
    sudo -n -u postgres -- "$@"
  fi
}

# The port of the cluster, or nothing when it does not exist.
cluster_port() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$pg_version" -v c="$pg_cluster" '$1 == v && $2 == c {print $3}'
}

# Runs SQL as the cluster's owner in the database postgres.
as_superuser_sql() {
  as_postgres psql -p "$(cluster_port)" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

start_test_postgres() {
  if [[ "${STRATUM_CI_SKIP_POSTGRES:-}" == 1 ]]; then
    echo ".ci/run: STRATUM_CI_SKIP_POSTGRES=1: the PostgreSQL store tests will be skipped"
    return 0
  fi
  if [[ -n "${STRATUM_TEST_PG_URL:-}" ]]; then
    echo ".ci/run: PostgreSQL tests use the given STRATUM_TEST_PG_URL=${STRATUM_TEST_PG_URL%%\?*}"
    pg_tests_expected=1
    return 0
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [[ -z "$(cluster_port)" ]]; then
    echo ".ci/run: PostgreSQL $pg_version (cluster '$pg_cluster') is not installed, so the PostgreSQL store tests" \
      "cannot run. Install it (apt-get install postgresql-$pg_version), or point STRATUM_TEST_PG_URL" \
      "(+ STRATUM_TEST_PG_USER, STRATUM_TEST_PG_PASSWORD) at a running PostgreSQL, or set" \
      "STRATUM_CI_SKIP_POSTGRES=1 to run CI without them." >&2
    return 1
  fi

  local port
  port="$(cluster_port)"
  if pg_ctlcluster "$pg_version" "$pg_cluster" status >/dev/null 2>&1; then
    echo ".ci/run: PostgreSQL $pg_version/$pg_cluster is already running on port $port"
  else
    echo ".ci/run: starting PostgreSQL $pg_version/$pg_cluster on port $port"
    if ! pg_ctlcluster "$pg_version" "$pg_cluster" start; then
      echo ".ci/run: PostgreSQL $pg_version/$pg_cluster did not start; the end of its log:" >&2
      tail -n 20 "/var/log/postgresql/postgresql-$pg_version-$pg_cluster.log" >&2 || true
      return 1
    fi
  fi
  local waited=0
  until pg_isready -q -h 127.0.0.1 -p "$port"; do
    if (( waited >= 30 )); then
      echo ".ci/run: PostgreSQL on 127.0.0.1:$port did not accept connections within 30 s" >&2
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done

  as_superuser_sql <<SQL
do \$\$
begin
  if not exists (select from pg_roles where rolname = '$pg_test_user') then
    create role $pg_test_user login password '$pg_test_password';
  else
    alter role $pg_test_user login password '$pg_test_password';
  end if;
end
\$\$;
SQL
  # Test data need not survive a crash of the machine: commits that do not wait for the disk halve the suite's time.
  # The store itself relies on the default (on) in production.
  as_superuser_sql -c "alter role $pg_test_user set synchronous_commit = off"
  if [[ -z "$(as_superuser_sql -c "select 1 from pg_database where datname = '$pg_test_db'")" ]]; then
    as_superuser_sql -c "create database $pg_test_db owner $pg_test_user"
  fi

  export STRATUM_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/$pg_test_db"
  export STRATUM_TEST_PG_USER="$pg_test_user"
  export STRATUM_TEST_PG_PASSWORD="$pg_test_password"
  pg_tests_expected=1
  echo ".ci/run: PostgreSQL tests will run against $STRATUM_TEST_PG_URL as $STRATUM_TEST_PG_USER"
}

# Sums the Surefire reports of stratum-store-postgres. When a database was prepared, every test there must have run.
report_postgres_tests() {
  local reports=(stratum-store-postgres/target/surefire-reports/TEST-*.xml)
  if [[ ! -e "${reports[0]}" ]]; then
    echo ".ci/run: no Surefire reports in stratum-store-postgres/target; the PostgreSQL tests did not run" >&2
    return $((pg_tests_expected))
  fi
  # Counted by element: Surefire puts the tests of nested classes in their outer class's report, whose totals say 0.
  local tests skipped
  tests="$({ grep -ho '<testcase ' "${reports[@]}" || true; } | wc -l)"
  skipped="$({ grep -ho '<skipped' "${reports[@]}" || true; } | wc -l)"
  local against="${STRATUM_TEST_PG_URL:+ against ${STRATUM_TEST_PG_URL%%\?*}}"
  echo ".ci/run: stratum-store-postgres: $((tests - skipped)) tests ran$against, $skipped skipped"
  if (( pg_tests_expected == 1 && (skipped > 0 || tests == 0) )); then
    echo ".ci/run: a PostgreSQL database was prepared but PostgreSQL tests were skipped; see the Surefire reports" \
      "in stratum-store-postgres/target/surefire-reports" >&2
    return 1
  fi
}
