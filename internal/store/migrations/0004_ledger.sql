-- Wijkboekhouding: a double-entry, append-only ledger per wijk, chained by
-- hashes. Amounts are BIGINT in the asset's smallest unit (euro cents,
-- minutes, local currency units).

CREATE TABLE ledger_assets (
    wijk_id  TEXT NOT NULL REFERENCES wijken (id),
    code     TEXT NOT NULL,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('euro', 'local', 'time')),
    decimals INTEGER NOT NULL,
    PRIMARY KEY (wijk_id, code)
);

CREATE TABLE ledger_accounts (
    id              TEXT PRIMARY KEY,
    wijk_id         TEXT NOT NULL REFERENCES wijken (id),
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    type            TEXT NOT NULL,
    asset           TEXT NOT NULL,
    organisation_id TEXT REFERENCES organisations (id),
    person_id       TEXT REFERENCES people (id),
    min_balance     BIGINT NOT NULL DEFAULT 0,
    allow_overdraft BOOLEAN NOT NULL DEFAULT FALSE,
    local           BOOLEAN NOT NULL DEFAULT FALSE,
    balance         BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    UNIQUE (wijk_id, code, asset),
    FOREIGN KEY (wijk_id, asset) REFERENCES ledger_assets (wijk_id, code)
);
CREATE INDEX ledger_accounts_org ON ledger_accounts (organisation_id);

CREATE TABLE ledger_heads (
    wijk_id TEXT PRIMARY KEY REFERENCES wijken (id),
    seq     BIGINT NOT NULL,
    hash    TEXT NOT NULL
);

CREATE TABLE ledger_transactions (
    id              TEXT PRIMARY KEY,
    wijk_id         TEXT NOT NULL REFERENCES wijken (id),
    seq             BIGINT NOT NULL,
    on_date         TEXT NOT NULL,
    description     TEXT NOT NULL,
    category        TEXT NOT NULL DEFAULT '',
    idempotency_key TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    reverses_id     TEXT NOT NULL DEFAULT '',
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL,
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    UNIQUE (wijk_id, seq),
    UNIQUE (wijk_id, idempotency_key)
);
CREATE INDEX ledger_transactions_date ON ledger_transactions (wijk_id, on_date);

CREATE TABLE ledger_postings (
    transaction_id TEXT NOT NULL REFERENCES ledger_transactions (id),
    position       INTEGER NOT NULL,
    account_id     TEXT NOT NULL REFERENCES ledger_accounts (id),
    asset          TEXT NOT NULL,
    amount         BIGINT NOT NULL,
    memo           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (transaction_id, position)
);
CREATE INDEX ledger_postings_account ON ledger_postings (account_id);
