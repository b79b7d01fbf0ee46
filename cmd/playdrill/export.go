package main

import "github.com/spf13/cobra"

func (a *app) exportCmd() *cobra.Command { return notYet("export") }
