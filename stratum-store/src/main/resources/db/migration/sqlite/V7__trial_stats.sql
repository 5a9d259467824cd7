-- Model lifecycle, part two. What a version on trial did on live traffic (shadow or canary counts, and the feedback
-- pairs still awaited) and production's live accuracy, as JSON documents saved every few seconds and at shutdown,
-- so that a restart does not start a trial afresh. (A person's confirmation of an example's label, which keeps a
-- suspected label error in curated exports, is a column of examples: V8.)

create table model_trial_stats (
    version_id varchar(200) not null references model_versions (id) on delete cascade,
    kind       varchar(16)  not null,
    stats      text         not null,
    updated_at bigint       not null,
    primary key (version_id, kind)
);
