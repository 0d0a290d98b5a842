// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Faucet} from "../src/Faucet.sol";
import {HexToken} from "../src/HexToken.sol";
import {Base} from "./Base.t.sol";

contract FaucetTest is Base {
    Faucet internal faucet;

    function setUp() public override {
        super.setUp();
        faucet = new Faucet(token, 100e18);
        vm.prank(treasury);
        token.transfer(address(faucet), 250e18);
    }

    function test_drip_sendsAmountOncePerCooldown() public {
        address fresh = makeAddr("fresh");
        vm.expectEmit(address(faucet));
        emit Faucet.Dripped(fresh, 100e18);
        faucet.drip(fresh);
        assertEq(token.balanceOf(fresh), 100e18);
        vm.expectRevert(abi.encodeWithSelector(Faucet.DripTooSoon.selector, fresh, block.timestamp + 1 hours));
        faucet.drip(fresh);
        vm.warp(block.timestamp + 1 hours);
        faucet.drip(fresh);
        assertEq(token.balanceOf(fresh), 200e18);
    }

    function test_drip_revertsWhenEmpty() public {
        faucet.drip(makeAddr("a"));
        faucet.drip(makeAddr("b"));
        vm.expectRevert(abi.encodeWithSelector(Faucet.FaucetEmpty.selector, 50e18, 100e18));
        faucet.drip(makeAddr("c"));
    }
}

contract HexTokenTest is Base {
    function test_constructor_mintsFixedSupplyToTreasury() public view {
        assertEq(token.totalSupply(), 1_000_000_000e18);
        assertEq(token.decimals(), 18);
        assertEq(token.symbol(), "HXA");
        assertEq(token.balanceOf(treasury) + 3 * 1_000_000e18, token.totalSupply());
    }

    function testFuzz_permit_setsAllowance(uint256 value) public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = permitSig(aliceKey, bob, value, deadline);
        token.permit(alice, bob, value, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), value);
        assertEq(token.nonces(alice), 1);
    }

    function test_noMintAfterDeploy() public {
        HexToken fresh = new HexToken(carol);
        assertEq(fresh.balanceOf(carol), fresh.FIXED_SUPPLY());
    }
}
