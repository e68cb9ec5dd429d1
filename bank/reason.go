package bank

import (
	"fmt"
	"maps"
	"slices"
)

// Reason is why a file or an entry cannot be imported, in a form a page
// can put in the reader's language: a stable Key and the values the text
// names. An argument is a string (a value from the file), an int, a Cents
// amount or a *Reason (a part that is itself a text, such as "the booking
// date" or the reason inside "statement 2: ..."). String gives the English
// text, which LineError.Reason holds.
type Reason struct {
	Key  string
	Args []any
}

// Cents is an amount a reason names; in English it reads "12.34 EUR".
type Cents int64

func (c Cents) String() string { return euro(int64(c)) }

// because returns the reason with key and args.
func because(key string, args ...any) *Reason { return &Reason{Key: key, Args: args} }

// String gives the English text of the reason.
func (r *Reason) String() string {
	if r == nil {
		return ""
	}
	format, ok := reasonTexts[r.Key]
	if !ok {
		return r.Key
	}
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		if inner, ok := a.(*Reason); ok {
			args[i] = inner.String()
		} else {
			args[i] = a
		}
	}
	return fmt.Sprintf(format, args...)
}

// ReasonKeys returns the key of every reason, sorted, so that a test can
// check each has a translation.
func ReasonKeys() []string { return slices.Sorted(maps.Keys(reasonTexts)) }

// ReasonFormat returns the English format of a key, whose verbs (%s, %q,
// %d) a translation must take in the same order. A Cents or *Reason
// argument is a %s.
func ReasonFormat(key string) string { return reasonTexts[key] }

// reasonTexts are the English texts of the reasons, by key.
var reasonTexts = map[string]string{
	// The file as a whole.
	"no_entries":      "the file has no entries",
	"camt_version":    "this CAMT.053 version (%s) is not supported: use version 001.02 to 001.10",
	"xml_not_camt053": "the XML file is not a CAMT.053 bank statement (ask the bank for CAMT.053, not CAMT.052 or CAMT.054)",
	"named_xml":       "the file is named like XML but is not a CAMT.053 bank statement",
	"named_mt940":     "the file is named like MT940 but lacks the fields :20:, :25: and :60F:",
	"csv_header":      "the CSV header is not that of an ING or Rabobank export, nor is it an ABN AMRO TXT export",
	"unknown_format":  "the file is not a bank statement WEI can read: use CAMT.053, MT940 or the CSV export of ING, Rabobank or ABN AMRO",
	"xml_invalid":     "the file is not valid XML",
	"xml_incomplete":  "the file is incomplete (the XML ends too early)",
	"xml_syntax":      "%s: line %d: %s",
	"xml_error":       "%s: %s",
	"camt_namespace":  "the XML file is not a CAMT.053 statement of version 001.02 to 001.10 (namespace %q)",
	"csv_malformed":   "the CSV is malformed at line %d of the file: %s",
	"csv_unreadable":  "the CSV cannot be read: %s",
	"ing_header":      "the ING header lacks the column(s) %s",
	"rabobank_header": "the Rabobank header lacks the column(s) %s",

	// A statement in the file, and its balances.
	"statement":            "statement %d",
	"statement_id":         "statement %d (%s)",
	"in_statement":         "%s: %s",
	"account_currency":     "only EUR statements are supported (the account is in %s)",
	"camt_unbalanced":      "the opening balance %s plus the booked entries (%s) does not equal the closing balance %s",
	"mt940_unbalanced":     "the opening balance %s plus the entries (%s) does not equal the closing balance %s",
	"balance_no_amount":    "the %s balance has no amount",
	"balance_currency":     "only EUR statements are supported (the %s balance is in %s)",
	"balance_problem":      "%s balance: %s",
	"balance_negative":     "the amount is negative (the sign belongs in CdtDbtInd)",
	"balance_no_indicator": "the %s balance has no valid CdtDbtInd (CRDT or DBIT)",
	"no_opening":           "%s has no opening balance (:60F:)",
	"opening_balance":      "%s: opening balance (:60F:): %s",
	"no_closing":           "the file is incomplete: %s has no closing balance (:62F:)",
	"closing_balance":      "%s: closing balance (:%s:): %s",
	"mt940_balance":        "%q is not a balance (expected C or D, date YYMMDD, currency, amount)",
	"mt940_currency":       "only EUR statements are supported (the balance is in %s)",
	"account_tag_missing":  "the account (:25:) is missing",
	"account_not_iban":     "the account %s is not an IBAN and the file does not say which bank it is at",
	"account_missing":      "the account number is missing",
	"account_invalid":      "the account %s is not a valid IBAN",

	// An entry.
	"no_status":            "the entry has no status (expected BOOK, PDNG or INFO)",
	"sum_overflow":         "the amounts are too large to add up",
	"amount_missing":       "the amount is missing",
	"amount_not_number":    "the amount %q is not a number",
	"amount_decimals":      "the amount %q has more than 2 decimals",
	"amount_too_large":     "the amount %q is too large",
	"amount_zero":          "the amount is zero",
	"amount_currency":      "only EUR statements are supported (this amount is in %s)",
	"line_currency":        "only EUR statements are supported (this line is in %q)",
	"camt_negative":        "the amount %q is negative: CAMT amounts are unsigned and CdtDbtInd gives the direction",
	"indicator_missing":    "the credit/debit indicator (CdtDbtInd) is missing",
	"indicator_invalid":    "the credit/debit indicator %q is neither CRDT nor DBIT",
	"date_no_value":        "the %s has neither Dt nor DtTm",
	"booking_date_missing": "the booking date is missing",
	"batch_transaction":    "transaction %d of the batch: %s",
	"batch_overflow":       "the amounts of the batch are too large to add up",
	"batch_sum":            "the transactions of the batch add up to %s, not to the entry amount %s",
	"date_missing":         "the %s is missing",
	"date_not_exist":       "the %s %q does not exist",
	"date_invalid":         "the %s %q is not a date (expected %s)",
	"mt940_date":           "the %s %q is not a date (expected YYMMDD)",
	"counter_iban_invalid": "the counterparty IBAN %s is not valid (its check digits are wrong)",
	"row_columns":          "the row has %d columns instead of %d (is the file cut off or edited?)",
	"line_columns":         "the line has %d columns instead of %d (is the file cut off or edited?)",
	"af_bij_invalid":       "the Af Bij column says %q instead of Af or Bij",
	"af_bij_sign":          "the amount %q has a sign, but the Af Bij column (%s) already gives the direction",
	"abn_balance":          "the amount %s does not take the balance from %s to %s",
	"balance_after":        "balance after the transaction: %s",
	"abn_balance_problem":  "balance: %s",
	"volgnr_missing":       "the sequence number (Volgnr) is missing",
	"entry_after_closing":  "the entry comes after the closing balance of its statement",
	"mt940_entry":          "the :61: field %q is not an MT940 entry (date, C or D, amount, type, reference)",
	"mt940_sign":           "the amount %q has a sign, but MT940 gives the direction by C or D",

	// The names of dates, inside other reasons.
	"field_date":             "date",
	"field_booking_date":     "booking date",
	"field_value_date":       "value date",
	"field_transaction_date": "transaction date",
	"field_entry_date":       "entry date",
	"field_balance_date":     "balance date",
}
