package cbs

import "fmt"

// FormatError says what is wrong with an input file, and where. Reason is
// plain English for the person who runs the import.
type FormatError struct {
	Line    int // CSV line, 1 = the header; 0 when not about a line
	Feature int // GeoJSON feature, 1 = the first; 0 when not about a feature
	Reason  string
}

func (e *FormatError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
	case e.Feature > 0:
		return fmt.Sprintf("feature %d: %s", e.Feature, e.Reason)
	}
	return e.Reason
}
