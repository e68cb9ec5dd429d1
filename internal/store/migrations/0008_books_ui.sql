-- Wijkboekhouding for residents and the treasurer's studies.
--
-- timebank_codes: a resident's personal tijdbank-code. Whoever the
-- resident gives it to can pay them in hours or the local currency, so the
-- pay form never has to show the list of residents. The code says nothing
-- about the person.
--
-- lm3_studies and lm3_spends: a study of the local multiplier (LM3) of one
-- income account over a period: where the income went (recipient, amount,
-- local or not) and, for a local recipient, the part they spend locally
-- again (basis points, 4000 = 40%), a survey figure. lm3_recipients keeps
-- the latest survey figure per recipient of a wijk, so that the next study
-- starts from it. Recipients are suppliers and staff, not residents' names.

CREATE TABLE timebank_codes (
    person_id  TEXT PRIMARY KEY REFERENCES people (id),
    wijk_id    TEXT NOT NULL REFERENCES wijken (id),
    code       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (wijk_id, code)
);

CREATE TABLE lm3_studies (
    id         TEXT PRIMARY KEY,
    wijk_id    TEXT NOT NULL REFERENCES wijken (id),
    account_id TEXT NOT NULL REFERENCES ledger_accounts (id),
    from_date  TEXT NOT NULL,
    to_date    TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    UNIQUE (wijk_id, account_id, from_date, to_date)
);

CREATE TABLE lm3_spends (
    study_id     TEXT NOT NULL REFERENCES lm3_studies (id),
    position     INTEGER NOT NULL,
    recipient    TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
    local        BOOLEAN NOT NULL,
    respend_bp   INTEGER NOT NULL CHECK (respend_bp BETWEEN 0 AND 10000),
    PRIMARY KEY (study_id, position)
);

CREATE TABLE lm3_recipients (
    wijk_id    TEXT NOT NULL REFERENCES wijken (id),
    name_key   TEXT NOT NULL,
    name       TEXT NOT NULL,
    local      BOOLEAN NOT NULL,
    respend_bp INTEGER NOT NULL CHECK (respend_bp BETWEEN 0 AND 10000),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (wijk_id, name_key)
);
