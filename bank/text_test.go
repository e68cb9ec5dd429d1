package bank

import "testing"

func TestToUTF8(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"utf-8", []byte("Café\r\nB"), "Café\nB"},
		{"bom", []byte("\xef\xbb\xbfCafé"), "Café"},
		{"windows-1252", []byte("Caf\xe9 \x80 \x96 co\xf6peratie"), "Café € – coöperatie"},
		{"lone cr", []byte("a\rb"), "a\nb"},
		{"utf-16le", []byte("\xff\xfeC\x00a\x00f\x00\xe9\x00"), "Café"},
		{"utf-16be", []byte("\xfe\xff\x00C\x00a\x00f\x00\xe9"), "Café"},
	}
	for _, tt := range tests {
		if got := toUTF8(tt.in, ""); got != tt.want {
			t.Errorf("%s: toUTF8=%q, want %q", tt.name, got, tt.want)
		}
	}
	if got := toUTF8([]byte("Caf\xc3\xa9"), "ISO-8859-1"); got != "CafÃ©" {
		t.Errorf("a declared Latin-1 charset wins: got %q", got)
	}
}
