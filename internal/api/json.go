package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/requestid"
)

// maxBody is the largest request body the API reads.
const maxBody = 1 << 20

const contentTypeJSON = "application/json; charset=utf-8"

// writeJSON marshals v first and only then writes the header, so a
// marshalling failure still becomes a proper 500.
func (a *api) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		a.log.ErrorContext(r.Context(), "api: encode response",
			slog.String("request_id", requestid.From(r.Context())),
			slog.String("path", r.URL.Path),
			slog.Any("error", err))
		status = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{Code: wei.EINTERNAL, Message: internalMessage, RequestID: requestid.From(r.Context())})
	}
	h := w.Header()
	h.Set("Content-Type", contentTypeJSON)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n')) // a failed write means the client left
}

// decode reads one JSON object of at most maxBody bytes into v. Unknown
// fields, trailing data and wrong types are EINVALID errors, with the
// offending field in Fields where it is known.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return decodeError(err)
		}
		return invalid("The request body must hold one JSON object only.")
	}
	return nil
}

// decodeOptional is decode for a body that may be left out: an empty body
// leaves v as it is.
func decodeOptional(w http.ResponseWriter, r *http.Request, v any) error {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return decodeError(err)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	return decode(w, r, v)
}

func decodeError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.Is(err, io.EOF):
		return invalid("The request body is empty; send a JSON object.")
	case errors.As(err, &tooLarge):
		return invalid(fmt.Sprintf("The request body is larger than %d bytes.", tooLarge.Limit))
	case errors.As(err, &syntax):
		return invalid(fmt.Sprintf("The request body is not valid JSON (at byte %d).", syntax.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("The request body is not valid JSON (it ends too early).")
	case errors.As(err, &typ):
		if typ.Field != "" {
			return &wei.Error{Code: wei.EINVALID, Message: "A field has the wrong type.", Fields: map[string]string{typ.Field: "error.type"}}
		}
		return invalid("The request body must be a JSON object.")
	}
	// encoding/json reports an unknown field only as text; this is the
	// one place that reads it, to name the field for the client.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return &wei.Error{Code: wei.EINVALID, Message: "The request body has a field this route does not know.",
			Fields: map[string]string{strings.Trim(name, `"`): "error.unknown_field"}}
	}
	return invalid("The request body is not valid JSON.")
}

func invalid(msg string) error { return &wei.Error{Code: wei.EINVALID, Message: msg} }

// utc returns t in UTC, so every time in a response reads as RFC 3339 with Z.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// listBody wraps every list response, so lists can grow paging fields later.
type listBody[T any] struct {
	Items []T `json:"items"`
}

func list[T any](items []T) listBody[T] { return listBody[T]{Items: orEmpty(items)} }
