-- Model lifecycle, part two. What a version on trial did on live traffic (shadow or canary counts, and the feedback
-- pairs still awaited) and production's live accuracy, as JSON documents saved every few seconds and at shutdown,
-- so that a restart does not start a trial afresh. And a person's confirmation of an example's label after it was
-- flagged as a suspected label error, which keeps it in curated exports.

create table model_trial_stats (
    version_id varchar(200) not null references model_versions (id) on delete cascade,
    kind       varchar(16)  not null,
    stats      text         not null,
    updated_at bigint       not null,
    primary key (version_id, kind)
);

create table example_confirmations (
    example_id   integer      not null primary key references examples (id) on delete cascade,
    task_id      varchar(64)  not null references tasks (id) on delete cascade,
    actor        varchar(200) not null,
    confirmed_at bigint       not null
);
create index example_confirmations_by_task on example_confirmations (task_id);
