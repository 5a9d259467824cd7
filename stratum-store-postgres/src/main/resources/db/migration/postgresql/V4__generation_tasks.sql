-- Generation tasks: their instructions, and the attempts behind each generated output (JSON). A generated output
-- is stored where a classification stores its label, so those columns take any length.

alter table tasks add column instructions text;
alter table predictions add column attempts text;
alter table predictions alter column label type text;
alter table predictions alter column feedback_label type text;
alter table examples alter column label type text;
alter table review_items alter column resolved_label type text;
