package main

import "github.com/spf13/cobra"

func (a *app) importCmd() *cobra.Command { return notYet("import") }
