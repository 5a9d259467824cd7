-- V2 of the SQLite schema, in PostgreSQL's types: the human review queue of each task, and the versioned ODD policy
-- documents.

create table review_items (
    id             varchar(64)      not null primary key,
    task_id        varchar(64)      not null references tasks (id) on delete cascade,
    prediction_id  varchar(64),
    text           text             not null,
    reason         text,
    candidates     jsonb            not null,
    priority       double precision not null,
    status         varchar(16)      not null,
    claimed_by     varchar(200),
    claimed_at     timestamptz,
    resolved_label varchar(200),
    out_of_scope   boolean          not null default false,
    resolved_by    varchar(200),
    resolved_at    timestamptz,
    created_at     timestamptz      not null
);
create index review_items_queue on review_items (task_id, status, priority desc, created_at);

-- The policy is kept as given, character for character: text, not jsonb, which would reformat it.
create table odd_policies (
    task_id    varchar(64)  not null references tasks (id) on delete cascade,
    version    integer      not null,
    policy     text         not null,
    author     varchar(200),
    created_at timestamptz  not null,
    primary key (task_id, version)
);
