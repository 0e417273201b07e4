// A test-only upload mutation: reads the stream and reports how many bytes it got.
import { Module } from '@nestjs/common';
import { Args, Int, Mutation, Resolver } from '@nestjs/graphql';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/Upload.mjs';

export const uploadCalls: { bytes: number; error?: string }[] = [];

@Resolver()
class UploadTestResolver {
  @Mutation(() => Int)
  async uploadTest(@Args('file', { type: () => GraphQLUpload }) file: FileUpload): Promise<number> {
    let bytes = 0;
    try {
      for await (const chunk of file.createReadStream()) {
        bytes += (chunk as Buffer).length;
      }
    } catch (error) {
      uploadCalls.push({ bytes, error: (error as Error).name });
      throw error;
    }
    uploadCalls.push({ bytes });
    return bytes;
  }
}

@Module({ providers: [UploadTestResolver] })
export class UploadTestModule {}
