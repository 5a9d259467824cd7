-- The human review queue of each task, and the versioned ODD policy documents.

create table review_items (
    id             varchar(64)  not null primary key,
    task_id        varchar(64)  not null references tasks (id) on delete cascade,
    prediction_id  varchar(64),
    text           text         not null,
    reason         text,
    candidates     text         not null,
    priority       double precision not null,
    status         varchar(16)  not null,
    claimed_by     varchar(200),
    claimed_at     bigint,
    resolved_label varchar(200),
    out_of_scope   integer      not null default 0,
    resolved_by    varchar(200),
    resolved_at    bigint,
    created_at     bigint       not null
);
create index review_items_queue on review_items (task_id, status, priority desc, created_at);

create table odd_policies (
    task_id    varchar(64)  not null references tasks (id) on delete cascade,
    version    integer      not null,
    policy     text         not null,
    author     varchar(200),
    created_at bigint       not null,
    primary key (task_id, version)
);
