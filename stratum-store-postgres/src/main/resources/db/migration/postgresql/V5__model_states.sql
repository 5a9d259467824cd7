-- Model lifecycle: each version's state, the evaluation gate's report (JSON), and the history of state changes.
-- Before V5 every trained version served as soon as it was trained, so each one is recorded as having gone to
-- production when it was created, and the versions that are no longer current as retired since.

alter table model_versions add column state varchar(16) not null default 'candidate';
alter table model_versions add column gate_report text;
update model_versions set state = case when is_current then 'production' else 'retired' end;

create table model_state_changes (
    id         bigserial    not null primary key,
    version_id varchar(200) not null references model_versions (id) on delete cascade,
    from_state varchar(16)  not null,
    to_state   varchar(16)  not null,
    actor      varchar(200) not null,
    reason     text         not null,
    changed_at timestamptz  not null
);
create index model_state_changes_by_version on model_state_changes (version_id, id);

insert into model_state_changes (version_id, from_state, to_state, actor, reason, changed_at)
select id, 'candidate', 'production', 'migration V5', 'served from its training on, before states were recorded',
       created_at
from model_versions order by created_at, id;
insert into model_state_changes (version_id, from_state, to_state, actor, reason, changed_at)
select id, 'production', 'retired', 'migration V5', 'replaced by a newer version before states were recorded',
       created_at
from model_versions where state = 'retired' order by created_at, id;
