-- Wijkboekhouding, the public page at any size (store/ledger_public.go).
--
-- ledger_public_totals keeps, per wijk, day, category and account, the
-- sums of the postings on the accounts the public page counts (budgets,
-- income, expenses and funders, none of a person): all of them (total) and
-- the negative ones (credits), split by own: 1 for a budget posting in a
-- transaction that also books income or expenses of the same
-- organisation. ledger_public_moved counts per wijk, day, category and
-- asset the transactions that moved money into or out of the wijk (their
-- income and funder postings, or their expense postings, do not sum to
-- zero). Both hold the transactions numbered up to ledger_public_marks.seq;
-- the page sums the ones after it itself and, now and then, adds them here.
-- The backfill below makes existing books right.
--
-- The check of the page and `wei verify` sum every account's postings in
-- the database. With the amount in the index that sum reads the index
-- alone; the index serves every lookup of postings by account too, so it
-- replaces the index on account_id alone.

CREATE TABLE ledger_public_totals (
    wijk_id    TEXT NOT NULL REFERENCES wijken (id),
    on_date    TEXT NOT NULL,
    category   TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES ledger_accounts (id),
    own        INTEGER NOT NULL,
    total      BIGINT NOT NULL,
    credits    BIGINT NOT NULL,
    PRIMARY KEY (wijk_id, on_date, category, account_id, own)
);

CREATE TABLE ledger_public_moved (
    wijk_id  TEXT NOT NULL REFERENCES wijken (id),
    on_date  TEXT NOT NULL,
    category TEXT NOT NULL,
    asset    TEXT NOT NULL,
    moved    BIGINT NOT NULL,
    PRIMARY KEY (wijk_id, on_date, category, asset)
);

CREATE TABLE ledger_public_marks (
    wijk_id TEXT PRIMARY KEY REFERENCES wijken (id),
    seq     BIGINT NOT NULL
);

INSERT INTO ledger_public_totals (wijk_id, on_date, category, account_id, own, total, credits)
SELECT wijk_id, on_date, category, account_id, own, SUM(amount), SUM(CASE WHEN amount < 0 THEN amount ELSE 0 END)
FROM (SELECT t.wijk_id, t.on_date, t.category, p.account_id, p.amount,
        CASE WHEN a.type = 'budget' AND EXISTS (SELECT 1 FROM ledger_postings q JOIN ledger_accounts b ON b.id = q.account_id
            WHERE q.transaction_id = t.id AND q.asset = p.asset AND b.type IN ('income', 'expense') AND b.organisation_id = a.organisation_id)
        THEN 1 ELSE 0 END AS own
    FROM ledger_transactions t
    JOIN ledger_postings p ON p.transaction_id = t.id
    JOIN ledger_accounts a ON a.id = p.account_id
    WHERE a.type IN ('budget', 'income', 'expense', 'funder') AND COALESCE(a.person_id, '') = '') x
GROUP BY wijk_id, on_date, category, account_id, own;

INSERT INTO ledger_public_moved (wijk_id, on_date, category, asset, moved)
SELECT wijk_id, on_date, category, asset, COUNT(*)
FROM (SELECT t.wijk_id, t.id, t.on_date, t.category, p.asset,
        SUM(CASE WHEN a.type = 'expense' THEN 0 ELSE p.amount END) AS money_in,
        SUM(CASE WHEN a.type = 'expense' THEN p.amount ELSE 0 END) AS money_out
    FROM ledger_transactions t
    JOIN ledger_postings p ON p.transaction_id = t.id
    JOIN ledger_accounts a ON a.id = p.account_id
    WHERE a.type IN ('income', 'expense', 'funder') AND COALESCE(a.person_id, '') = ''
    GROUP BY t.wijk_id, t.id, t.on_date, t.category, p.asset) x
WHERE money_in <> 0 OR money_out <> 0
GROUP BY wijk_id, on_date, category, asset;

INSERT INTO ledger_public_marks (wijk_id, seq)
SELECT wijk_id, MAX(seq) FROM ledger_transactions GROUP BY wijk_id;

CREATE INDEX ledger_postings_account_amount ON ledger_postings (account_id, amount);
DROP INDEX ledger_postings_account;
