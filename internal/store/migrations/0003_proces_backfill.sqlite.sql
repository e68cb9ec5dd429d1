-- Data fix for installations from before the WEI-proces module: every
-- initiative starts in the informatiefase on the day it was made, with its
-- form; every membership is an instroom, and an ended one also an uitstroom.
INSERT INTO phase_events (id, wijk_id, initiative_id, seq, on_date, from_phase, to_phase, reason, recorded_at)
SELECT 'm2ph-' || id, wijk_id, id, 1, date(created_at / 1000, 'unixepoch'), '', 'informatie', '', created_at
FROM organisations WHERE form IN ('burgerinitiatief', 'zelfstandig_burgerinitiatief', 'buurtbedrijf');
UPDATE organisations SET phase = 'informatie', phase_seq = 1, phase_since = date(created_at / 1000, 'unixepoch')
WHERE form IN ('burgerinitiatief', 'zelfstandig_burgerinitiatief', 'buurtbedrijf');
INSERT INTO form_events (id, initiative_id, on_date, from_form, to_form, recorded_at)
SELECT 'm2fe-' || id, id, date(created_at / 1000, 'unixepoch'), '', form, created_at
FROM organisations WHERE form IN ('burgerinitiatief', 'zelfstandig_burgerinitiatief', 'buurtbedrijf');
INSERT INTO people_events (id, wijk_id, person_id, initiative_id, membership_id, kind, role, phase, on_date, recorded_at)
SELECT 'm2in-' || m.id, o.wijk_id, m.person_id, m.organisation_id, m.id, 'instroom', m.role, 'informatie', m.started_on, o.created_at
FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE o.phase <> '';
INSERT INTO people_events (id, wijk_id, person_id, initiative_id, membership_id, kind, role, phase, on_date, recorded_at)
SELECT 'm2out-' || m.id, o.wijk_id, m.person_id, m.organisation_id, m.id, 'uitstroom', m.role, 'informatie', m.ended_on, o.created_at
FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE o.phase <> '' AND m.ended_on <> '';
