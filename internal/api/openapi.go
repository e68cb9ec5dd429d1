package api

import (
	_ "embed"
	"net/http"
)

// openAPIDoc describes every route in routes.go; a test keeps the two equal.
//
//go:embed openapi.json
var openAPIDoc []byte

func (a *api) openAPI(w http.ResponseWriter, r *http.Request, c *call) error {
	w.Header().Set("Content-Type", contentTypeJSON)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(openAPIDoc)
	return nil
}
