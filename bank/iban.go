package bank

import (
	"fmt"
	"strings"
	"unicode"
)

// NormaliseIBAN removes spaces (and other white space) from s and upper-cases
// it: " nl91 abna 0417 1643 00" becomes "NL91ABNA0417164300". It does not
// check the IBAN; see ValidIBAN.
func NormaliseIBAN(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// ibanLengths holds the IBAN length of the countries a Dutch wijk is likely to
// meet (the SEPA area). IBANs of other countries are only checked for the
// generic length range and the mod-97 check digits.
var ibanLengths = map[string]int{
	"AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
	"DK": 18, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23,
	"GL": 18, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21,
	"LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
	"PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
}

// ValidIBAN reports whether s (normalised or not) is a well-formed IBAN whose
// check digits pass the ISO 13616 mod-97 test.
func ValidIBAN(s string) bool {
	s = NormaliseIBAN(s)
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	if n, ok := ibanLengths[s[:2]]; ok && len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case i < 2 && !(c >= 'A' && c <= 'Z'):
			return false
		case i >= 2 && i < 4 && !(c >= '0' && c <= '9'):
			return false
		case !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9'):
			return false
		}
	}
	return mod97(s[4:]+s[:4]) == 1
}

// mod97 computes the remainder of the number that s spells when letters
// count as 10 (A) to 35 (Z).
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			v := int(c-'A') + 10
			r = (r*100 + v) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r
}

// looksLikeIBAN reports whether s (normalised) is shaped like an IBAN (two
// letters, two digits, then letters and digits), so that a failing check is a
// typo or a corrupt file rather than a domestic or foreign account number.
func looksLikeIBAN(s string) bool {
	if len(s) < 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter, digit := c >= 'A' && c <= 'Z', c >= '0' && c <= '9'
		switch {
		case i < 2 && !letter, i >= 2 && i < 4 && !digit, !letter && !digit:
			return false
		}
	}
	return true
}

// dutchIBAN turns a domestic Dutch account number of up to ten digits, as
// old ABN AMRO and ING exports give it, into the IBAN of that account at the
// bank with the given four-letter code: "517734217" at ABNA becomes
// "NL68ABNA0517734217".
func dutchIBAN(bankCode, number string) (string, bool) {
	number = strings.TrimLeft(strings.TrimSpace(number), "0")
	if number == "" || len(number) > 10 {
		return "", false
	}
	for i := 0; i < len(number); i++ {
		if number[i] < '0' || number[i] > '9' {
			return "", false
		}
	}
	bban := bankCode + strings.Repeat("0", 10-len(number)) + number
	check := 98 - mod97(bban+"NL00")
	return fmt.Sprintf("NL%02d%s", check, bban), true
}

// counterIBAN checks a counterparty account as found in a file: an empty
// value or an account number that is not shaped like an IBAN yields "" (we
// keep only IBANs), an IBAN is normalised, and an IBAN-shaped value that fails
// the check is reported as a reason.
func counterIBAN(raw string) (string, *Reason) {
	s := NormaliseIBAN(raw)
	if s == "" || !looksLikeIBAN(s) {
		return "", nil
	}
	if !ValidIBAN(s) {
		return "", because("counter_iban_invalid", s)
	}
	return s, nil
}

// ourIBAN checks the statement's own account.
func ourIBAN(raw string) (string, *Reason) {
	s := NormaliseIBAN(raw)
	if s == "" {
		return "", because("account_missing")
	}
	if !ValidIBAN(s) {
		return "", because("account_invalid", s)
	}
	return s, nil
}
