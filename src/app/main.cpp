// byline: the one program that runs a news site and its newsroom.
#include "app/command_line.hpp"

int main(int argc, char** argv) { return byline::app::run_command_line(argc, argv); }
