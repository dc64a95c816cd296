from tradebridge.cli import main

main()
