-- V6 of the PostgreSQL schema adds the change log of tasks and the notifications that keep serving replicas on one
-- database in step. One SQLite file serves one process, which sees its own changes, so nothing changes here: this
-- migration only keeps the two schemas' version numbers in step.
select 1;
