package overleg

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// TestICalBytes pins the feed byte for byte: CRLF, the UTC times, the
// escaping of backslash, semicolon, comma and line breaks, and folding at
// 75 octets that does not split the three octets of "–".
func TestICalBytes(t *testing.T) {
	t.Parallel()
	c := Calendar{
		Name:  "Leefomgevingsoverleg Blauwe Akker",
		Stamp: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC),
		Events: []Event{{
			UID:         "0190aa00-0000-7000-8000-000000000001@wei.test",
			Start:       at(2026, 11, 5, 19, 30), // CET: 18:30 UTC
			End:         at(2026, 11, 5, 21, 30),
			Summary:     "Overleg; agenda, besluiten\\acties\nregel 2\r\nregel 3",
			Location:    "Buurthuis De Akker, Akkerplein 1, 1234 AB Lindenwaard, zaal 1 – café De Hoek, 1e verdieping; ingang naast de bakkerij op de hoek van de Molenstraat…",
			Description: "Agenda:\n1. Actiepunten",
			URL:         "https://wei.test/w/blauwe-akker/overleg/s1/bijeenkomsten/m1?a=1,2",
		}, {
			UID:     "m2@wei.test",
			Start:   at(2026, 7, 2, 19, 30), // CEST: 17:30 UTC
			End:     at(2026, 7, 2, 21, 0),
			Summary: "Leefomgevingsoverleg",
		}},
	}
	want := "BEGIN:VCALENDAR\r\n" +
		"VERSION:2.0\r\n" +
		"PRODID:-//WEI//Leefomgevingsoverleg//NL\r\n" +
		"CALSCALE:GREGORIAN\r\n" +
		"METHOD:PUBLISH\r\n" +
		"X-WR-CALNAME:Leefomgevingsoverleg Blauwe Akker\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:0190aa00-0000-7000-8000-000000000001@wei.test\r\n" +
		"DTSTAMP:20261101T120000Z\r\n" +
		"DTSTART:20261105T183000Z\r\n" +
		"DTEND:20261105T203000Z\r\n" +
		"SUMMARY:Overleg\\; agenda\\, besluiten\\\\acties\\nregel 2\\nregel 3\r\n" +
		"LOCATION:Buurthuis De Akker\\, Akkerplein 1\\, 1234 AB Lindenwaard\\, zaal 1 \r\n" +
		" – café De Hoek\\, 1e verdieping\\; ingang naast de bakkerij op de hoek va\r\n" +
		" n de Molenstraat…\r\n" +
		"DESCRIPTION:Agenda:\\n1. Actiepunten\r\n" +
		"URL:https://wei.test/w/blauwe-akker/overleg/s1/bijeenkomsten/m1?a=1,2\r\n" +
		"END:VEVENT\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:m2@wei.test\r\n" +
		"DTSTAMP:20261101T120000Z\r\n" +
		"DTSTART:20260702T173000Z\r\n" +
		"DTEND:20260702T190000Z\r\n" +
		"SUMMARY:Leefomgevingsoverleg\r\n" +
		"END:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	got := string(ICal(c))
	if got != want {
		t.Errorf("ICal (-want +got):\n%s", cmp.Diff(strings.Split(want, "\r\n"), strings.Split(got, "\r\n")))
	}
}

// TestFolding checks the folding rules on many lengths: no line over 75
// octets, every line valid UTF-8, continuation lines start with one space,
// and unfolding gives the line back.
func TestFolding(t *testing.T) {
	t.Parallel()
	for n := 0; n < 400; n++ {
		for _, unit := range []string{"a", "é", "–", "😀"} {
			line := "SUMMARY:" + strings.Repeat(unit, n)
			var b strings.Builder
			writeFolded(&b, line)
			out := b.String()
			if !strings.HasSuffix(out, "\r\n") {
				t.Fatalf("n=%d %q: no CRLF at the end", n, unit)
			}
			parts := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			for i, p := range parts {
				if len(p) > maxLine {
					t.Fatalf("n=%d %q: line %d has %d octets", n, unit, i, len(p))
				}
				if !utf8.ValidString(p) {
					t.Fatalf("n=%d %q: line %d splits a character", n, unit, i)
				}
				if i > 0 && (!strings.HasPrefix(p, " ") || len(p) < 2) {
					t.Fatalf("n=%d %q: continuation line %q", n, unit, p)
				}
			}
			if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != line {
				t.Fatalf("n=%d %q: unfolded %q, want %q", n, unit, got, line)
			}
		}
	}
}

func TestEscapeText(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                        "",
		`a\b`:                     `a\\b`,
		"a;b,c":                   `a\;b\,c`,
		"line\nnext":              `line\nnext`,
		"line\r\nnext":            `line\nnext`,
		"line\rnext":              `line\nnext`,
		"bell\x07 and tab\t":      "bell and tab\t",
		`C:\pad;met,alles` + "\n": `C:\\pad\;met\,alles\n`,
		"ü € “quotes”":            "ü € “quotes”",
	} {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
	if bytes.Contains(ICal(Calendar{Name: "a\nb"}), []byte("a\nb")) {
		t.Error("a raw newline reached the feed")
	}
}
