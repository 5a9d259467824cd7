-- Active learning: each review item's origin and its place in the task's latest ranking, and the pool of imported
-- unlabelled texts (the rest of the pool, predictions without feedback, is read from predictions).

alter table review_items add column origin varchar(16) not null default 'ODD';
alter table review_items add column pool_item_id varchar(64);
alter table review_items add column queue_rank integer;
alter table review_items add column rank_strategy varchar(64);
alter table review_items add column rank_score double precision;
alter table review_items add column rank_model varchar(200);
alter table review_items add column ranked_at bigint;
create index review_items_by_prediction on review_items (prediction_id);
create index review_items_by_pool_item on review_items (pool_item_id);

-- The id is derived from the task and the SHA-256 of the text, so importing a text twice keeps one item.
create table pool_items (
    id         varchar(64) not null primary key,
    task_id    varchar(64) not null references tasks (id) on delete cascade,
    text       text        not null,
    created_at bigint      not null
);
create index pool_items_by_task on pool_items (task_id, created_at);

-- The history of a task's traffic is read by time: index predictions_by_task_time, made by V8.
