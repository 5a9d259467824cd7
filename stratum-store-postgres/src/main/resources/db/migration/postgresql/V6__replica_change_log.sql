-- What serving replicas on one database need to stay in step (V6 of the SQLite schema has nothing to do: one SQLite
-- file serves one process).
--
-- task_changes: every committed change to what serves a task (its definition and settings, its ODD policy, its model
-- versions and their states), in commit order, for the same reason and by the same lock as example_changes in V1. A
-- replica reads the changes with seq greater than the last one it applied and reloads those tasks. Such writes are
-- rare (a person's or a training's), so taking turns costs nothing.
--
-- Both logs also signal each commit that appends to them on the channel stratum_changes, with the schema's name as
-- payload (several schemas may share a database): a listening replica catches up at once instead of at its next poll.
-- PostgreSQL sends a notification when the transaction commits, and only once per transaction for equal payloads.

create table task_changes (
    seq        bigint generated always as identity primary key,
    task_id    varchar(64) not null,
    changed_at timestamptz not null default now()
);

-- The first trigger argument names the transition table's task id column ('id' for tasks, 'task_id' elsewhere).
create function log_task_changes() returns trigger language plpgsql as $$
declare
    logged bigint;
begin
    execute format('lock table %I.task_changes in exclusive mode', tg_table_schema);
    execute format('insert into %I.task_changes (task_id) select distinct %I from changed', tg_table_schema,
        tg_argv[0]);
    get diagnostics logged = row_count;
    if logged > 0 then
        perform pg_notify('stratum_changes', tg_table_schema);
    end if;
    return null;
end
$$;

create trigger tasks_log_inserts after insert on tasks
    referencing new table as changed for each statement execute function log_task_changes('id');
create trigger tasks_log_updates after update on tasks
    referencing new table as changed for each statement execute function log_task_changes('id');
create trigger model_versions_log_inserts after insert on model_versions
    referencing new table as changed for each statement execute function log_task_changes('task_id');
create trigger model_versions_log_updates after update on model_versions
    referencing new table as changed for each statement execute function log_task_changes('task_id');
create trigger odd_policies_log_inserts after insert on odd_policies
    referencing new table as changed for each statement execute function log_task_changes('task_id');

create function notify_example_changes() returns trigger language plpgsql as $$
begin
    perform pg_notify('stratum_changes', tg_table_schema);
    return null;
end
$$;

create trigger example_changes_notify after insert on example_changes
    for each statement execute function notify_example_changes();
