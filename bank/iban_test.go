package bank

import "testing"

func TestNormaliseIBAN(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"NL91ABNA0417164300", "NL91ABNA0417164300"},
		{" nl91 abna 0417 1643 00 ", "NL91ABNA0417164300"},
		{"NL91\tABNA\u00a00417164300", "NL91ABNA0417164300"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormaliseIBAN(tt.in); got != tt.want {
			t.Errorf("NormaliseIBAN(%q)=%q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidIBAN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"NL91ABNA0417164300", true},
		{"nl91 abna 0417 1643 00", true},
		{"NL20INGB0001234567", true},
		{"NL44RABO0123456789", true},
		{"DE89370400440532013000", true},
		{"BE68539007547034", true},
		{"GB29NWBK60161331926819", true},
		{"NL92ABNA0417164300", false},  // check digits off by one
		{"NL91ABNA0417164301", false},  // account digit changed
		{"NL91ABNA041716430", false},   // too short for NL
		{"NL91ABNA04171643000", false}, // too long for NL
		{"NLXXABNA0417164300", false},
		{"91NLABNA0417164300", false},
		{"NL91ABNA04171643-0", false},
		{"", false},
		{"NL91", false},
	}
	for _, tt := range tests {
		if got := ValidIBAN(tt.in); got != tt.want {
			t.Errorf("ValidIBAN(%q)=%v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDutchIBAN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		bank, number, want string
		ok                 bool
	}{
		{"ABNA", "417164300", "NL91ABNA0417164300", true},
		{"ABNA", "0417164300", "NL91ABNA0417164300", true},
		{"ABNA", "517734217", "NL68ABNA0517734217", true},
		{"INGB", "1234567", "NL20INGB0001234567", true},
		{"RABO", "123456789", "NL44RABO0123456789", true},
		{"ABNA", "", "", false},
		{"ABNA", "12345678901", "", false},
		{"ABNA", "12a", "", false},
	}
	for _, tt := range tests {
		got, ok := dutchIBAN(tt.bank, tt.number)
		if got != tt.want || ok != tt.ok {
			t.Errorf("dutchIBAN(%q, %q)=%q, %v, want %q, %v", tt.bank, tt.number, got, ok, tt.want, tt.ok)
		}
		if ok && !ValidIBAN(got) {
			t.Errorf("dutchIBAN(%q, %q)=%q fails ValidIBAN", tt.bank, tt.number, got)
		}
	}
}

func TestCounterIBAN(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want, reason string }{
		{"", "", ""},
		{"nl39 rabo 0300 0652 64", "NL39RABO0300065264", ""},
		{"123456789", "", ""}, // a domestic account number: kept out, not refused
		{"P1234567", "", ""},
		{"NL37RABO0300065264", "", "the counterparty IBAN NL37RABO0300065264 is not valid (its check digits are wrong)"},
	}
	for _, tt := range tests {
		got, reason := counterIBAN(tt.in)
		if got != tt.want || reason.String() != tt.reason {
			t.Errorf("counterIBAN(%q)=%q, %q, want %q, %q", tt.in, got, reason, tt.want, tt.reason)
		}
	}
}
