-- Error analysis: a person's confirmation that an example's label is right (or the correction that replaced it), so
-- that a suspected label error stops being listed and an export can tell confirmed examples from unconfirmed
-- suspects. Null while nobody has confirmed the example. Confirming is an update, which the change log
-- (example_changes) does not record: replicas need only the examples' texts and labels.
alter table examples add column confirmed_at timestamptz;
alter table examples add column confirmed_by varchar(200);

-- The most confident recent predictions are read newest first per task.
create index predictions_by_task_time on predictions (task_id, created_at);
