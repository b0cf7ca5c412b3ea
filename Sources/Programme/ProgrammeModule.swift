/// Province, bulletins, planning and rendering of programmes.
enum ProgrammeModule {}
