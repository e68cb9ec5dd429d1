package bank

import (
	"strings"
)

// maxAmountDigits bounds the euro part of an amount (under ten trillion
// euro), so that sums of many lines cannot overflow int64 cents.
const maxAmountDigits = 13

// parseAmount reads a decimal amount with decimal separator dec ('.' or ',')
// and returns it in cents, negative when it carries a minus sign. With a
// decimal comma, dots are accepted as thousands separators in groups of three
// ("1.234,56"). A fraction beyond two digits is refused unless those digits
// are zeros ("10,500" is 10.50 but "10,125" is not a cent amount). The reason
// is nil on success.
func parseAmount(raw string, dec byte) (int64, *Reason) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return 0, because("amount_missing")
	}
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		s = strings.TrimSpace(s[1:])
	}
	intPart, frac, hasDec := strings.Cut(s, string(dec))
	if dec == ',' && strings.Contains(intPart, ".") {
		groups := strings.Split(intPart, ".")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, because("amount_not_number", raw)
			}
		}
		intPart = strings.Join(groups, "")
	}
	if intPart == "" || !allDigits(intPart) || (hasDec && !allDigits(frac)) {
		return 0, because("amount_not_number", raw)
	}
	if len(frac) > 2 {
		if strings.Trim(frac[2:], "0") != "" {
			return 0, because("amount_decimals", raw)
		}
		frac = frac[:2]
	}
	for len(frac) < 2 {
		frac += "0"
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > maxAmountDigits {
		return 0, because("amount_too_large", raw)
	}
	var cents int64
	for _, c := range intPart + frac {
		cents = cents*10 + int64(c-'0')
	}
	if neg {
		cents = -cents
	}
	return cents, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
