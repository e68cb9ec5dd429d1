// Package wei holds what every WEI module shares: the error type with its
// codes, identifiers and the clock. The modules themselves live in their own
// packages (wijk, account, ...); adapters live under internal/.
package wei

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Error codes. Each maps to one HTTP status in internal/web and internal/api.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ETOOMANY      = "too_many_requests"
)

// Error is the one error type of the domain. Message is safe to show to a
// user; Fields holds per-field messages (locale keys) for forms.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	return fmt.Sprintf("wei error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrNotFound is returned by the store when a record does not exist.
var ErrNotFound = &Error{Code: ENOTFOUND, Message: "Not found."}

// ErrorCode returns the code of err if it is (or wraps) an *Error,
// EINTERNAL otherwise, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err. Internal errors get a
// generic text: their details are logged, never shown.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// FieldErrors collects per-field validation messages. Its Err method returns
// nil when empty, so validation reads as a list of checks.
type FieldErrors map[string]string

// Add records msg (a locale key) for field unless the field already has one.
func (f FieldErrors) Add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

// Err returns an EINVALID *Error carrying the fields, or nil.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Some fields are not filled in correctly.", Fields: f}
}

var idMu sync.Mutex
var lastIDMillis int64
var idSeq uint16

// NewID returns a new UUIDv7 as a string: time-ordered, so IDs sort by
// creation, and generated in Go so both databases see the same kind of key.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	idMu.Lock()
	ms := time.Now().UnixMilli()
	if ms <= lastIDMillis {
		ms = lastIDMillis
		idSeq++
		if idSeq > 0x0fff {
			// The 12-bit counter is full: borrow the next millisecond, so
			// IDs keep sorting in creation order.
			ms++
			lastIDMillis = ms
			idSeq = 0
		}
	} else {
		lastIDMillis = ms
		idSeq = uint16(b[6])<<8 | uint16(b[7])&0x07ff
	}
	seq := idSeq
	idMu.Unlock()
	var t [8]byte
	binary.BigEndian.PutUint64(t[:], uint64(ms))
	copy(b[0:6], t[2:8])
	b[6] = 0x70 | byte(seq>>8)&0x0f
	b[7] = byte(seq)
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// RandomToken returns n random bytes, hex encoded: for session IDs, login
// tokens and API tokens. Only a hash of a token is ever stored.
func RandomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
