-- Each prediction's check against its task's ODD policy, and each model version's ODD calibration (JSON).

alter table predictions add column odd text;
alter table model_versions add column calibration text;
