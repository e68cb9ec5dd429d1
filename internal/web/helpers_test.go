package web

import (
	"testing"

	"github.com/wei-platform/wei/account"
)

func mustHash(t testing.TB, pw string) string {
	t.Helper()
	h, err := account.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
