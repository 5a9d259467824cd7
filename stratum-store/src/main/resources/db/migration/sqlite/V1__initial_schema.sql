-- Stratum's embedded schema. Instants are epoch milliseconds (bigint); JSON documents are text.
-- Kept close to portable SQL so that the PostgreSQL migrations can follow it table by table; the only
-- SQLite-specific part is the AUTOINCREMENT key of examples (PostgreSQL: bigint generated always as identity).

create table tasks (
    id         varchar(64)  not null primary key,
    name       varchar(200) not null,
    kind       varchar(32)  not null,
    labels     text         not null,
    settings   text         not null,
    created_at bigint       not null,
    updated_at bigint       not null
);

-- AUTOINCREMENT: ids are never reused after a delete, so "examples after id N" stays meaningful for retraining.
create table examples (
    id            integer primary key autoincrement,
    task_id       varchar(64) not null references tasks (id) on delete cascade,
    text          text        not null,
    label         varchar(200) not null,
    source        varchar(16) not null,
    prediction_id varchar(64),
    created_at    bigint      not null
);
create index examples_by_task on examples (task_id, id);
create index examples_by_task_label on examples (task_id, label);
create index examples_by_prediction on examples (prediction_id);

create table predictions (
    id               varchar(64) not null primary key,
    task_id          varchar(64) not null references tasks (id) on delete cascade,
    text             text        not null,
    label            varchar(200),
    confidence       double precision not null,
    source           varchar(16) not null,
    model_version    varchar(200),
    scores           text        not null,
    latency_ms       double precision not null,
    created_at       bigint      not null,
    feedback_action  varchar(16),
    feedback_label   varchar(200),
    feedback_comment text,
    feedback_at      bigint
);
create index predictions_by_task on predictions (task_id);

create table model_versions (
    id         varchar(200) not null primary key,
    task_id    varchar(64)  not null references tasks (id) on delete cascade,
    version    integer      not null,
    kind       varchar(64),
    is_current integer      not null default 0,
    created_at bigint       not null,
    provenance text,
    metrics    text         not null,
    artifact   blob         not null,
    unique (task_id, version)
);
-- At most one current version per task, enforced by the database rather than by convention.
create unique index model_versions_one_current on model_versions (task_id) where is_current = 1;

-- Vectors are little-endian float32; text_hash is the SHA-256 hex of the UTF-8 text.
create table embeddings (
    model_id  varchar(200) not null,
    text_hash char(64)     not null,
    vector    blob         not null,
    primary key (model_id, text_hash)
);

create table api_keys (
    id          varchar(64)  not null primary key,
    name        varchar(200) not null,
    secret_hash char(64)     not null unique,
    role        varchar(32)  not null,
    created_at  bigint       not null
);
