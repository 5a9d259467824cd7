-- The tamper-evident audit log: admin actions and model-state changes, each entry chained to the one before by
-- its hash (dev.stratum.api.audit.AuditChain). Sequence numbers are given by the append, not by the database, so
-- that a removed entry leaves a gap the verifier sees. Times are epoch milliseconds, as hashed.

create table audit_log (
    seq           bigint       not null primary key,
    at            bigint       not null,
    actor         varchar(200) not null,
    action        varchar(100) not null,
    subject       varchar(300) not null,
    details       text         not null,
    previous_hash char(64)     not null,
    hash          char(64)     not null
);
