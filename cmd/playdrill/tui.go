package main

import (
	"context"
	"errors"

	"github.com/spf13/cobra"
)

// runTUI opens the terminal UI.
func (a *app) runTUI(ctx context.Context, cmd *cobra.Command) error {
	return errors.New("the terminal UI is not available yet")
}
