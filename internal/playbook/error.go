package playbook

import (
	"errors"
	"fmt"
)

// Error codes a caller can switch on.
const (
	ELocked   = "locked"    // another process holds the database
	ENotStore = "not_store" // the file is not a playdrill database (corrupt or foreign)
	ESchema   = "schema"    // the database's schema is newer than this playdrill
	ENotFound = "not_found" // no such step, card or rep
	EInvalid  = "invalid"   // bad input from the user
	EMoved    = "moved"     // the database file was deleted or replaced while open; its content was rescued
	EInternal = "internal"  // everything else
	// EConflict: another process wrote the rep's progress since the
	// caller read it (see Record.Seen); read again and retry.
	EConflict = "conflict"
)

// Error is a coded error with a message fit for the user.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns a coded error.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, or EInternal for an uncoded error and
// "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}
