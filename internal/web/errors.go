package web

import (
	"errors"

	"github.com/wei-platform/wei"
)

func asWeiError(err error, target **wei.Error) bool { return errors.As(err, target) }
