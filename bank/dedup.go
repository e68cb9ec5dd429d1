package bank

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// pending is a Line under construction. keyRef, when set, replaces BankRef
// in the dedup key: it tells apart the transactions of a CAMT batch entry
// that share the entry's reference.
type pending struct {
	Line
	keyRef string
}

// finish assigns every line its DedupKey and returns the lines.
//
// The key is built from the bank's own references, never from the date alone,
// so that re-importing a file, or an overlapping download of the same period,
// is recognised line by line:
//
//  1. EndToEndID set: "e2e:" + account + ":" + end-to-end id + ":" + signed
//     amount in cents. The end-to-end id travels with the payment from payer
//     to payee, so CAMT.053, MT940 (/EREF/) and CSV (Kenmerk,
//     Transactiereferentie) exports of the same transaction yield the same
//     key. The amount tells apart the rare reuse of an id for another payment
//     (a payment and its refund differ in sign).
//  2. Otherwise BankRef set: "ref:" + account + ":" + bank reference (CAMT
//     AcctSvcrRef or NtryRef, MT940 bank reference after "//" in :61:,
//     Rabobank Volgnr). A bank reference is unique per account. The
//     transactions of a CAMT batch entry without end-to-end ids share the
//     entry's reference; they get "#n" appended (their position in the batch).
//  3. Otherwise the file has no reference for the line (ING and ABN AMRO CSV
//     without a Kenmerk, card payments): "weak:" + a SHA-256 hash of account,
//     booking date, amount, counterparty IBAN, description and the occurrence
//     index among identical lines in the file (so that two identical coffee
//     purchases on one day stay two lines), and WeakKey is set. Such a key
//     matches the same line in a re-download of the same period but not in an
//     export of another format; the importer should report weak duplicates as
//     "probably a duplicate" rather than drop them silently.
func finish(ps []pending) []Line {
	lines := make([]Line, len(ps))
	seen := map[string]int{}
	for i, p := range ps {
		l := p.Line
		ref := l.BankRef
		if p.keyRef != "" {
			ref = p.keyRef
		}
		switch {
		case l.EndToEndID != "":
			l.DedupKey = "e2e:" + l.Account + ":" + l.EndToEndID + ":" + strconv.FormatInt(l.AmountCents, 10)
		case ref != "":
			l.DedupKey = "ref:" + l.Account + ":" + ref
		default:
			content := strings.Join([]string{
				l.Account,
				l.BookingDate.Format(layoutISO),
				strconv.FormatInt(l.AmountCents, 10),
				l.CounterIBAN,
				l.Description,
			}, "\x1f")
			n := seen[content]
			seen[content] = n + 1
			sum := sha256.Sum256([]byte(content + "\x1f" + strconv.Itoa(n)))
			l.DedupKey = "weak:" + hex.EncodeToString(sum[:16])
			l.WeakKey = true
		}
		lines[i] = l
	}
	return lines
}

// endToEndID cleans an end-to-end id: SEPA uses NOTPROVIDED for "none".
func endToEndID(s string) string {
	s = collapse(s)
	if strings.EqualFold(s, "NOTPROVIDED") || strings.EqualFold(s, "NONREF") {
		return ""
	}
	return s
}
