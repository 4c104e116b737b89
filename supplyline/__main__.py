from supplyline.cli import main

main()
