-- Bank statement import: the wijk's bank accounts, every imported line
-- (deduplicated by the bank's own references), matching rules, and the
-- import reports. Bank lines hold private data (names, IBANs); the ledger
-- gets only public purposes.

CREATE TABLE bank_accounts (
    wijk_id    TEXT NOT NULL REFERENCES wijken (id),
    iban       TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES ledger_accounts (id),
    PRIMARY KEY (wijk_id, iban)
);

CREATE TABLE bank_imports (
    id         TEXT PRIMARY KEY,
    wijk_id    TEXT NOT NULL REFERENCES wijken (id),
    file_name  TEXT NOT NULL,
    format     TEXT NOT NULL,
    lines      INTEGER NOT NULL,
    imported   INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    by_user    TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX bank_imports_wijk ON bank_imports (wijk_id, created_at);

CREATE TABLE bank_rules (
    id           TEXT PRIMARY KEY,
    wijk_id      TEXT NOT NULL REFERENCES wijken (id),
    counter_iban TEXT NOT NULL DEFAULT '',
    words        TEXT NOT NULL DEFAULT '',
    account_id   TEXT NOT NULL REFERENCES ledger_accounts (id),
    category     TEXT NOT NULL DEFAULT '',
    purpose      TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX bank_rules_wijk ON bank_rules (wijk_id);

CREATE TABLE bank_lines (
    id             TEXT PRIMARY KEY,
    wijk_id        TEXT NOT NULL REFERENCES wijken (id),
    import_id      TEXT NOT NULL REFERENCES bank_imports (id),
    line_no        INTEGER NOT NULL,
    dedup_key      TEXT NOT NULL,
    weak_key       BOOLEAN NOT NULL DEFAULT FALSE,
    iban           TEXT NOT NULL,
    booking_date   TEXT NOT NULL,
    amount_cents   BIGINT NOT NULL,
    counter_iban   TEXT NOT NULL DEFAULT '',
    counter_name   TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    bank_ref       TEXT NOT NULL DEFAULT '',
    end_to_end_id  TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('matched', 'queued')),
    rule_id        TEXT NOT NULL DEFAULT '',
    transaction_id TEXT NOT NULL REFERENCES ledger_transactions (id),
    match_tx_id    TEXT NOT NULL DEFAULT '',
    UNIQUE (wijk_id, dedup_key)
);
CREATE INDEX bank_lines_queue ON bank_lines (wijk_id, status);
