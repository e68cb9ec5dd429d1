package overleg

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Calendar is an iCalendar feed (RFC 5545) of a series' meetings.
type Calendar struct {
	Name   string    // X-WR-CALNAME: what a calendar app calls the feed
	Stamp  time.Time // DTSTAMP of every event: when the feed was made
	Events []Event
}

// Event is one meeting in the feed. Times are written in UTC, which every
// calendar app shows in its own time zone.
type Event struct {
	UID         string // globally unique and stable: the meeting's ID @ the host
	Start, End  time.Time
	Summary     string
	Location    string // optional
	Description string // optional
	URL         string // optional: the meeting's page
}

// ICal writes the calendar as RFC 5545 text: CRLF line ends, lines folded
// at 75 octets (never inside a UTF-8 character), and TEXT values with
// backslash, semicolon, comma and line breaks escaped.
func ICal(c Calendar) []byte {
	var b strings.Builder
	line := func(name, value string) { writeFolded(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//WEI//Leefomgevingsoverleg//NL")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", escapeText(c.Name))
	}
	stamp := icalTime(c.Stamp)
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", escapeText(e.UID))
		line("DTSTAMP", stamp)
		line("DTSTART", icalTime(e.Start))
		line("DTEND", icalTime(e.End))
		line("SUMMARY", escapeText(e.Summary))
		if e.Location != "" {
			line("LOCATION", escapeText(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION", escapeText(e.Description))
		}
		if e.URL != "" {
			line("URL", e.URL) // a URI value: not escaped as TEXT
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return []byte(b.String())
}

// icalTime writes a moment as a UTC DATE-TIME: 20261105T180000Z.
func icalTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// escapeText escapes a TEXT value (RFC 5545, 3.3.11): backslash,
// semicolon and comma get a backslash, a line break (CRLF, LF or CR)
// becomes \n, and other control characters are left out.
func escapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == ';' || c == ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case c == '\n':
			b.WriteString(`\n`)
		case c < 0x20 && c != '\t' || c == 0x7f:
			// leave out
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// maxLine is the longest content line in octets, without the CRLF.
const maxLine = 75

// writeFolded writes a content line, folded (RFC 5545, 3.1): after at most
// 75 octets a CRLF and a space, which counts towards the next line's 75.
// A fold never splits a multi-octet UTF-8 character.
func writeFolded(b *strings.Builder, s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
