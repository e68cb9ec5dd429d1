// Package httperror maps domain error codes to HTTP status codes: the one
// map that the web pages and the JSON API both use.
package httperror

import (
	"net/http"

	"github.com/wei-platform/wei"
)

var statusOf = map[string]int{
	wei.ECONFLICT:     http.StatusConflict,
	wei.EINVALID:      http.StatusBadRequest,
	wei.ENOTFOUND:     http.StatusNotFound,
	wei.EUNAUTHORIZED: http.StatusUnauthorized,
	wei.EFORBIDDEN:    http.StatusForbidden,
	wei.ETOOMANY:      http.StatusTooManyRequests,
	wei.EINTERNAL:     http.StatusInternalServerError,
}

// Status returns the HTTP status for err: 500 for anything that is not a
// *wei.Error, 200 for nil.
func Status(err error) int {
	if err == nil {
		return http.StatusOK
	}
	if s, ok := statusOf[wei.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}
