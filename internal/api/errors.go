package api

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/httperror"
	"github.com/wei-platform/wei/internal/requestid"
)

// errorBody is the one shape of every error response.
type errorBody struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id"`
}

// internalMessage is all a client learns about an internal error; the
// details go to the log under the same request ID.
const internalMessage = "Internal error"

// writeError answers with the status that httperror maps err's code to.
// Internal errors are logged here, once, and never shown.
func (a *api) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := httperror.Status(err)
	body := errorBody{Code: wei.ErrorCode(err), Message: wei.ErrorMessage(err)}
	var e *wei.Error
	if errors.As(err, &e) {
		body.Fields = e.Fields
	}
	if status == http.StatusInternalServerError {
		body = errorBody{Code: wei.EINTERNAL, Message: internalMessage}
		a.log.ErrorContext(r.Context(), "api: internal error",
			slog.String("request_id", requestid.From(r.Context())),
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Any("error", err))
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="wei"`)
	}
	a.writeBody(w, r, status, body)
}

// writeBody writes an error body with the request ID filled in.
func (a *api) writeBody(w http.ResponseWriter, r *http.Request, status int, body errorBody) {
	body.RequestID = requestid.From(r.Context())
	a.writeJSON(w, r, status, body)
}
