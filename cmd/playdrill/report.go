package main

import "github.com/spf13/cobra"

func (a *app) reportCmd() *cobra.Command { return notYet("report") }
