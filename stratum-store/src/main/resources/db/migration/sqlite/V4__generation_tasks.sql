-- Generation tasks: their instructions, and the attempts behind each generated output (JSON).
-- (SQLite does not enforce varchar lengths, so generated outputs fit the label columns as they are.)

alter table tasks add column instructions text;
alter table predictions add column attempts text;
