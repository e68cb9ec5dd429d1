package cbs

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// RowError is a bad value in one row of a CSV file. Unlike a
// *FormatError, reading can go on with the next row.
type RowError struct {
	Line   int
	Reason string
}

func (e *RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// table reads a CSV file with a header row. CBS files differ by year: the
// separator is ';' in some and ',' in others, some start with a UTF-8 byte
// order mark, lines may end in CRLF and fields may be quoted.
type table struct {
	r      *csv.Reader
	header []string // trimmed, lower case
	sep    rune
}

// maxHeader is how far the header line may reach.
const maxHeader = 64 << 10

func openTable(r io.Reader) (*table, error) {
	br := bufio.NewReaderSize(r, maxHeader)
	// Drop a UTF-8 byte order mark.
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	head, err := br.Peek(maxHeader)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, &FormatError{Reason: "the file cannot be read: " + err.Error()}
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, &FormatError{Reason: "the file is empty"}
	}
	line := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		line = head[:i]
	} else if len(head) == maxHeader {
		return nil, &FormatError{Line: 1, Reason: "the first line is too long to be a header of column names"}
	}
	t := &table{sep: detectSeparator(line)}
	t.r = csv.NewReader(br)
	t.r.Comma = t.sep
	t.r.ReuseRecord = true
	rec, err := t.r.Read()
	if err != nil {
		return nil, csvError(err)
	}
	t.header = make([]string, len(rec))
	for i, h := range rec {
		t.header[i] = strings.ToLower(strings.TrimSpace(h))
	}
	return t, nil
}

// detectSeparator counts the candidate separators outside quotes in the
// header line and takes the most frequent: ';', ',' or a tab.
func detectSeparator(line []byte) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, c := range line {
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == ';' || c == ',' || c == '\t':
			counts[rune(c)]++
		}
	}
	best, n := ';', 0
	for _, c := range []rune{';', ',', '\t'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return best
}

// column returns the index of the first header that matches: an exact name,
// or a prefix when the candidate ends in '*'. -1 when none does.
func (t *table) column(candidates ...string) int {
	for _, c := range candidates {
		prefix, isPrefix := strings.CutSuffix(c, "*")
		for i, h := range t.header {
			if h == c || (isPrefix && strings.HasPrefix(h, prefix)) {
				return i
			}
		}
	}
	return -1
}

// next reads the next record and the line it starts on. io.EOF at the end.
func (t *table) next() ([]string, int, error) {
	rec, err := t.r.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
			return nil, 0, &FormatError{Line: pe.StartLine, Reason: fmt.Sprintf("the row has %d fields where the header has %d; is the separator right?", len(rec), len(t.header))}
		}
		return nil, 0, csvError(err)
	}
	line, _ := t.r.FieldPos(0)
	return rec, line, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		reason := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			reason = "a quote (\") is not closed or stands in the wrong place"
		case errors.Is(pe.Err, csv.ErrFieldCount):
			reason = "the row does not have as many fields as the header"
		}
		return &FormatError{Line: pe.StartLine, Reason: reason}
	}
	if err == io.EOF {
		return &FormatError{Reason: "the file is empty"}
	}
	return &FormatError{Reason: "the file cannot be read: " + err.Error()}
}
